using System;
using System.Collections.Generic;

namespace ApprovalTools.Core.Project
{
    /// <summary>Node status in the workflow query (wire 1, 2, 3); Unknown for a value this client does not know.</summary>
    public enum WorkflowNodeStatus
    {
        Unknown = 0,

        /// <summary>1 未到达: earlier nodes are not completed yet.</summary>
        NotArrived = 1,

        /// <summary>2 已到达 / in progress: the node that can be confirmed.</summary>
        Arrived = 2,

        /// <summary>3 已通过 / completed: the node that can be rolled back.</summary>
        Completed = 3,
    }

    /// <summary>
    /// One node of a work item's node flow, as "获取工作流详情" (POST .../workflow/query) returns it. ProjectKey,
    /// WorkItemTypeKey, WorkItemId and NodeId bind by property name into Invoke-NodeOperation.
    /// </summary>
    public sealed class WorkflowNode
    {
        public string ProjectKey { get; set; } = string.Empty;
        public string WorkItemTypeKey { get; set; } = string.Empty;
        public string WorkItemId { get; set; } = string.Empty;

        /// <summary>The node id (wire <c>id</c>, equal to its <c>state_key</c>), what node operations take.</summary>
        public string NodeId { get; set; } = string.Empty;

        public string? Name { get; set; }

        public WorkflowNodeStatus Status { get; set; }

        /// <summary>User keys of the node owners.</summary>
        public IReadOnlyList<string> Owners { get; set; } = Array.Empty<string>();

        /// <summary>The node-level (non-differentiated) schedule (wire <c>node_schedule</c>), or null.</summary>
        public NodeSchedule? Schedule { get; set; }

        /// <summary>Per-owner schedules (wire <c>schedules</c>) when <see cref="DifferentSchedule"/> is set.</summary>
        public IReadOnlyList<NodeSchedule> Schedules { get; set; } = Array.Empty<NodeSchedule>();

        public IReadOnlyList<FieldValuePair> Fields { get; set; } = Array.Empty<FieldValuePair>();

        public IReadOnlyList<RoleOwner> RoleAssignee { get; set; } = Array.Empty<RoleOwner>();

        /// <summary>Wire <c>actual_begin_time</c> when the server's text is a time this client can read.</summary>
        public DateTimeOffset? ActualBeginTime { get; set; }

        /// <summary>Wire <c>actual_finish_time</c> when the server's text is a time this client can read.</summary>
        public DateTimeOffset? ActualFinishTime { get; set; }

        public bool DifferentSchedule { get; set; }

        public bool Milestone { get; set; }

        public IReadOnlyList<string> Participants { get; set; } = Array.Empty<string>();

        public override string ToString() => $"{ProjectKey}/{WorkItemTypeKey}/{WorkItemId} node {NodeId} ({Status})";
    }
}
