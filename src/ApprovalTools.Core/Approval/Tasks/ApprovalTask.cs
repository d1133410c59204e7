using System;
using ApprovalTools.Core.Operations;
using System.Collections.Generic;

namespace ApprovalTools.Core.Approval.Tasks
{
    /// <summary>The task-query topics (wire values 1, 2, 3, 17, 18).</summary>
    public enum TaskTopic
    {
        /// <summary>1 待办: tasks waiting for the user.</summary>
        Todo = 1,

        /// <summary>2 已办: tasks the user has handled.</summary>
        Done = 2,

        /// <summary>3 已发起: instances the user started.</summary>
        Initiated = 3,

        /// <summary>17 未读知会: cc entries the user has not read.</summary>
        UnreadCc = 17,

        /// <summary>18 已读知会: cc entries the user has read.</summary>
        ReadCc = 18,
    }

    /// <summary>How <c>user_id</c> is read (wire: open_id, union_id, user_id; the API's default is open_id).</summary>
    public enum UserIdType { OpenId, UnionId, UserId }

    /// <summary>The task's own status (wire 1, 2, 17, 18, 33, 34); Unknown for a value this client does not know.</summary>
    public enum ApprovalTaskStatus { Unknown = -1, Todo = 1, Done = 2, Unread = 17, Read = 18, Processing = 33, Withdrawn = 34 }

    /// <summary>The status of the task's instance (wire 0..5); Unknown for a value this client does not know.</summary>
    public enum ProcessStatus { Unknown = -1, None = 0, Running = 1, Approved = 2, Rejected = 3, Revoked = 4, Terminated = 5 }

    /// <summary>The links of a task as the task query returns them.</summary>
    public sealed class ApprovalTaskUrls
    {
        public string? Pc { get; set; }
        public string? Mobile { get; set; }
        public string? Helpdesk { get; set; }

        public override string ToString() => Pc ?? Mobile ?? Helpdesk ?? string.Empty;
    }

    /// <summary>
    /// One item of GET /open-apis/approval/v4/tasks/query, as Get-ApprovalTask writes it. For third-party instances
    /// <see cref="InstanceId"/> is the instance_id the instance was synced with (process_external_id),
    /// <see cref="ExternalTaskId"/> the task_id (task_external_id), and <see cref="ApprovalCode"/> the approval
    /// definition code (definition_code), so the object binds by property name into Clear-ExternalInstance.
    /// </summary>
    public sealed class ApprovalTask
    {
        /// <summary>The user the query was made for, as given.</summary>
        public string UserId { get; set; } = string.Empty;

        public TaskTopic Topic { get; set; }

        /// <summary>Feishu's global task id (task_id).</summary>
        public string? TaskId { get; set; }

        public string? Title { get; set; }

        public ApprovalTaskStatus Status { get; set; }

        public ProcessStatus ProcessStatus { get; set; }

        /// <summary>definition_code; for third-party approvals this is the approval_code instances are synced with.</summary>
        public string? ApprovalCode { get; set; }

        /// <summary>The same value as <see cref="ApprovalCode"/>, under the API's own name.</summary>
        public string? DefinitionCode { get; set; }

        public string? DefinitionName { get; set; }

        /// <summary>process_external_id: the third-party instance_id (empty for Feishu's own approvals).</summary>
        public string? InstanceId { get; set; }

        /// <summary>task_external_id: the third-party task_id (empty for Feishu's own approvals and for topic Initiated).</summary>
        public string? ExternalTaskId { get; set; }

        /// <summary>Feishu's process (instance) id.</summary>
        public string? ProcessId { get; set; }

        public string? ProcessCode { get; set; }

        public TextList Initiators { get; set; } = TextList.Empty;

        public TextList InitiatorNames { get; set; } = TextList.Empty;

        public ApprovalTaskUrls Urls { get; set; } = new ApprovalTaskUrls();

        /// <summary>True for a third-party (external) instance, i.e. one that Sync/Test/Clear-ExternalInstance handle.</summary>
        public bool IsExternal => !string.IsNullOrEmpty(InstanceId);

        public override string ToString() => $"{Topic} {InstanceId ?? ProcessId} {ExternalTaskId ?? TaskId} ({Status})";
    }
}
