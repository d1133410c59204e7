using System;
using System.Collections.Generic;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Project
{
    /// <summary>One row of the node-operate error table: which server answer it matches and what the user should do.</summary>
    public sealed class NodeErrorRow
    {
        internal NodeErrorRow(long code, string? match, string errorId, ErrorKind kind, FailureHandling handling, string hint)
        {
            Code = code;
            Match = match;
            ErrorId = errorId;
            Kind = kind;
            Handling = handling;
            Hint = hint;
        }

        public long Code { get; }

        /// <summary>Text that must occur (case-insensitively) in err_msg or err.msg; null matches any text of the code.</summary>
        public string? Match { get; }

        public string ErrorId { get; }
        public ErrorKind Kind { get; }
        public FailureHandling Handling { get; }
        public string Hint { get; }
    }

    /// <summary>
    /// The error table of the node complete/rollback docs (https://project.feishu.cn/b/helpcenter/2.0.0/1p8d7djs/48ft4i1k) (every row), plus the global codes a node operation meets
    /// (token, rate limit, permissions). One code can have several rows (20038, 50006, 20007): they are told apart by
    /// the text of err_msg / err.msg, most specific row first; the row without text is the code's fallback.
    /// </summary>
    public static class NodeErrorTable
    {
        /// <summary>The documented pause for 50006 "workflow in transition": "wait 2 seconds or more".</summary>
        public static readonly TimeSpan TransitionWait = TimeSpan.FromSeconds(2);

        public const string InTransitionId = "NodeInTransition";

        private static readonly NodeErrorRow[] Rows =
        {
            Row(20017, null, "NodeIsCompleted", ErrorKind.InvalidOperation,
                "the node is already completed and cannot be completed again; read the node state (roll it back first if it must be redone)"),
            Row(20016, null, "NodeNotArrived", ErrorKind.InvalidOperation,
                "the node has not started yet and cannot be completed; complete the nodes before it first"),
            Row(20018, null, "NodeNotFound", ErrorKind.ObjectNotFound,
                "check that node_id exists in this work item's node flow (use the node id or state_key from the workflow details)"),

            Row(20038, "Owner Required", "NodeOwnerRequired", ErrorKind.InvalidData,
                "fill in the node owner first, then retry"),
            Row(20038, "Person in charge", "NodeOwnerRequired", ErrorKind.InvalidData,
                "fill in the node owner first, then retry"),
            Row(20038, "估分", "NodeScheduleRequired", ErrorKind.InvalidData,
                "fill in the node's estimate (points) and schedule first, then retry"),
            Row(20038, "Estimates and schedules", "NodeScheduleRequired", ErrorKind.InvalidData,
                "fill in the node's estimate (points) and schedule first, then retry"),
            Row(20038, "This role info", "NodeRoleRequired", ErrorKind.InvalidData,
                "set the people of the role named in the message first, then retry"),
            Row(20038, "^role ", "NodeRoleRequired", ErrorKind.InvalidData,
                "set the people of the role named in the message first, then retry"),
            Row(20038, "实际工时", "NodeActualWorkTimeRequired", ErrorKind.InvalidData,
                "fill in the actual working time of the node named in the message first, then retry"),
            Row(20038, "actual working time", "NodeActualWorkTimeRequired", ErrorKind.InvalidData,
                "fill in the actual working time of the node named in the message first, then retry"),
            Row(20038, "Milestone", "NodeDueTimeRequired", ErrorKind.InvalidData,
                "update the node's due time first, then retry"),
            Row(20038, "Param missing", "NodeFieldRequired", ErrorKind.InvalidData,
                "fill in the field with the field ID named in the message first, then retry"),
            Row(20038, null, "NodeFieldRequired", ErrorKind.InvalidData,
                "fill in the required node information named in the message first, then retry"),

            Row(20007, "terminated", "WorkItemAborted", ErrorKind.InvalidOperation,
                "check the work item's state: it has been terminated, so its nodes cannot be moved"),
            Row(20007, null, "WorkItemAborted", ErrorKind.InvalidOperation,
                "check the input: the work item has been aborted, so its nodes cannot be moved"),

            Row(50006, "transition", InTransitionId, ErrorKind.ResourceBusy,
                "another request is already moving this node; wait 2 seconds or more, check the node's latest state, then retry",
                FailureHandling.Transient),
            Row(50006, "Sub Task Not Completed", "SubTaskNotCompleted", ErrorKind.InvalidOperation,
                "complete the sub-task named in the message first, then complete the node"),
            Row(50006, "is not completed", "SubTaskNotCompleted", ErrorKind.InvalidOperation,
                "complete the sub-task named in the message first, then complete the node"),
            Row(50006, "task has been finished", "NodeTaskAlreadyFinished", ErrorKind.InvalidOperation,
                "check the completion state of this multi-person node: the current user has already completed it"),
            Row(50006, "No right to edit", "NoRightToEdit", ErrorKind.PermissionDenied,
                "check that the current user (X-USER-KEY) has permission to operate on this work item"),
            Row(50006, "Unable to edit", "NoRightToEdit", ErrorKind.PermissionDenied,
                "check that the current user (X-USER-KEY) has permission to operate on this work item"),
            Row(50006, "Param invalid", "NodeFieldValueRequired", ErrorKind.InvalidData,
                "update the signal value of the field named in the message first, then retry"),
            Row(50006, "Should Be Passed", "NodeFieldValueRequired", ErrorKind.InvalidData,
                "update the signal value of the field named in the message first, then retry"),
            Row(50006, "workflow err", "WorkflowError", ErrorKind.InvalidOperation,
                "workflow error: check that the work item can still be used normally"),
            // UNCONFIRMED: the global table documents other 50006 texts as a transient overload ("please try again later").
            Row(50006, null, "ServiceBusy", ErrorKind.ServerError,
                "the service is briefly overloaded; retry later", FailureHandling.Transient),

            Row(20005, null, "MissingParameter", ErrorKind.InvalidArgument,
                "check the request parameters: action and rollback_reason must be filled in correctly"),
            Row(20006, null, "InvalidParameter", ErrorKind.InvalidArgument,
                "check the format of the request parameters"),
            Row(9999, null, "InvalidParameter", ErrorKind.InvalidArgument,
                "check the structure of the request body"),
            Row(20037, null, "NodeNotCompleted", ErrorKind.InvalidOperation,
                "only a completed node can be rolled back; check the node state"),
            Row(30005, null, "WorkItemNotFound", ErrorKind.ObjectNotFound,
                "check that a work item with this ID exists (and matches the work item type and space)"),
            Row(20014, null, "WorkItemNotInProject", ErrorKind.ObjectNotFound,
                "check that the work item belongs to the given project_key"),
            Row(30007, null, "WorkflowNotFound", ErrorKind.ObjectNotFound,
                "the work item has no node flow; check the work item type"),
            Row(30011, null, "NodeNotFound", ErrorKind.ObjectNotFound,
                "check that node_id exists in this work item's node flow"),
            Row(20090, null, "RequestIntercepted", ErrorKind.PermissionDenied,
                "check the plugin interception rules configured in the space: this change hit one of them"),
            Row(20050, null, "FieldOptionInvalid", ErrorKind.InvalidData,
                "set a valid field value: the option given is no longer available (the administrator changed the configuration)"),
            Row(30009, null, "FieldNotFound", ErrorKind.ObjectNotFound,
                "check that the fields being updated exist"),
            Row(1000051743, null, "NodeEstimateTooLow", ErrorKind.InvalidData,
                "set a correct node estimate: it must be at least the sum of the estimates of all its sub-tasks"),
            Row(20041, null, "RoleOwnerNotFound", ErrorKind.InvalidData,
                "check role_assignee: the role given does not exist"),
            // Workflow query ("获取工作流详情"): the work item's flow kind does not match flow_type, or fields mix x and -x.
            Row(20026, null, "WorkItemIsStateFlow", ErrorKind.InvalidOperation,
                "the work item uses a state flow, not a node flow: its nodes cannot be read or operated as nodes"),
            Row(20027, null, "WorkItemIsNodeFlow", ErrorKind.InvalidOperation,
                "the work item uses a node flow; query it as a node flow"),
            Row(20015, null, "WorkflowFieldsMixed", ErrorKind.InvalidArgument,
                "the fields list mixes included and excluded (-) fields"),
            Row(20013, null, "ScheduleInvalid", ErrorKind.InvalidArgument,
                "schedule dates must be Unix timestamps in milliseconds, start before end"),

            Row(10001, null, "PermissionDenied", ErrorKind.PermissionDenied,
                "the user (X-USER-KEY) has no permission to complete this node"),
            Row(10002, null, "IllegalOperation", ErrorKind.InvalidOperation,
                "the node cannot be moved to the requested node from its current state"),
            Row(10301, null, "PermissionDenied", ErrorKind.PermissionDenied,
                "check that the plugin has this API permission applied, published and installed in the space, and the user may access the space"),
            Row(10404, null, "PermissionDenied", ErrorKind.PermissionDenied,
                "the user has no access to this space"),
            Row(10429, null, "RateLimited", ErrorKind.RateLimited,
                "more than 15 requests per second per token and API; lower -ThrottleLimit or retry later", FailureHandling.RateLimited),
            Row(10430, null, "IdempotencyConflict", ErrorKind.InvalidOperation,
                "the X-IDEM-UUID was already used for a different request; send a new operation"),
            Row(10021, null, "TokenMissing", ErrorKind.Authentication,
                "the request carried no plugin token; reconnect with Connect-FeishuProject"),
            Row(10022, null, "TokenRejected", ErrorKind.Authentication,
                "the plugin token was rejected even after a refresh; reconnect with Connect-FeishuProject", FailureHandling.TokenRejected),
            Row(10211, null, "TokenRejected", ErrorKind.Authentication,
                "the plugin token is invalid or X-USER-KEY is missing; reconnect with Connect-FeishuProject -UserKey", FailureHandling.TokenRejected),
            Row(20039, null, "UserKeyRequired", ErrorKind.Authentication,
                "a plugin token needs a user key: reconnect with Connect-FeishuProject -UserKey"),
            Row(20042, null, "UserKeyInvalid", ErrorKind.Authentication,
                "the user key is wrong; double-click your avatar in Feishu Project to copy the right one and reconnect"),
        };

        /// <summary>Every row, in matching order (for documentation and tests).</summary>
        public static IReadOnlyList<NodeErrorRow> All => Rows;

        /// <summary>
        /// The row for a server answer, or null when the code is not in the table. err_msg is matched first (its texts are
        /// the distinctive ones), then err.msg, then the code's fallback row.
        /// </summary>
        public static NodeErrorRow? Find(long code, string? errMsg, string? innerMsg)
        {
            foreach (var text in new[] { errMsg, innerMsg })
            {
                foreach (var row in Rows)
                {
                    if (row.Code == code && row.Match != null && Matches(text, row.Match)) return row;
                }
            }
            foreach (var row in Rows)
            {
                if (row.Code == code && row.Match == null) return row;
            }
            return null;
        }

        /// <summary>Case-insensitive "contains"; a pattern starting with ^ must start the text.</summary>
        private static bool Matches(string? text, string pattern)
        {
            if (string.IsNullOrEmpty(text)) return false;
            return pattern[0] == '^'
                ? text!.TrimStart().StartsWith(pattern.Substring(1), StringComparison.OrdinalIgnoreCase)
                : text!.IndexOf(pattern, StringComparison.OrdinalIgnoreCase) >= 0;
        }

        private static NodeErrorRow Row(long code, string? match, string errorId, ErrorKind kind, string hint,
            FailureHandling handling = FailureHandling.Permanent) =>
            new NodeErrorRow(code, match, errorId, kind, handling, hint);
    }
}
