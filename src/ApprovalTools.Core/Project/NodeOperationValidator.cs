using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Project
{
    /// <summary>A local rule violation: the field, the rule, and a stable ErrorId. Nothing is sent for such an item.</summary>
    public sealed class NodeValidationProblem
    {
        public NodeValidationProblem(string errorId, string message)
        {
            ErrorId = errorId;
            Message = message;
        }

        public string ErrorId { get; }
        public string Message { get; }
        public override string ToString() => ErrorId + ": " + Message;
    }

    /// <summary>The rules of the node complete/rollback docs (https://project.feishu.cn/b/helpcenter/2.0.0/1p8d7djs/48ft4i1k), checked before sending.</summary>
    public static class NodeOperationValidator
    {
        /// <summary>Undocumented by Feishu Project; the same conservative 2048 characters as Feishu's documented form limit.</summary>
        public const int MaxRollbackReasonLength = 2048;

        public static NodeValidationProblem? Validate(NodeOperationRequest request)
        {
            if (ValidateWorkItem(request.ProjectKey, request.WorkItemTypeKey, request.WorkItemId) is { } itemProblem) return itemProblem;
            if (string.IsNullOrWhiteSpace(request.NodeId)) return Missing("node_id", "the node id or state_key");
            if (PathValue("NodeId", "node_id", request.NodeId!) is { } nodeProblem) return nodeProblem;
            if (request.Action == null) return Missing("action", "Confirm, Rollback or Update");
            if (request.Action == NodeAction.Update && request.NodeOwners == null && request.NodeSchedule == null && request.Schedules == null
                && request.Fields == null && request.RoleAssignee == null)
            {
                return new NodeValidationProblem("NothingToUpdate",
                    "action Update changes node_owners, node_schedule, schedules, fields or role_assignee; none was given (pass -NodeOwner, -NodeSchedule, -Schedule, -Field or -RoleAssignee).");
            }
            if (request.Action == NodeAction.Rollback && string.IsNullOrWhiteSpace(request.RollbackReason))
            {
                return new NodeValidationProblem("RollbackReasonRequired",
                    "rollback_reason is required when action is Rollback (the server answers 20005 Missing Param otherwise); pass -RollbackReason.");
            }
            if (request.RollbackReason != null && request.RollbackReason.Length > MaxRollbackReasonLength)
            {
                return new NodeValidationProblem("RollbackReasonTooLong",
                    $"rollback_reason is {request.RollbackReason.Length} characters long; at most {MaxRollbackReasonLength} are sent.");
            }
            if (request.NodeOwners != null && request.NodeOwners.Any(string.IsNullOrWhiteSpace))
            {
                return new NodeValidationProblem("NodeOwnerInvalid", "node_owners contains an empty user key (pass an empty list to remove all owners).");
            }
            if (request.NodeSchedule != null && Schedule(request.NodeSchedule, "node_schedule") is { } s) return s;
            if (request.Schedules != null)
            {
                for (var i = 0; i < request.Schedules.Count; i++)
                {
                    if (request.Schedules[i] == null) return Missing($"schedules[{i}]", "a schedule");
                    if (Schedule(request.Schedules[i], $"schedules[{i}]") is { } problem) return problem;
                }
            }
            if (request.Fields != null)
            {
                for (var i = 0; i < request.Fields.Count; i++)
                {
                    var field = request.Fields[i];
                    if (field == null || string.IsNullOrWhiteSpace(field.FieldKey) && string.IsNullOrWhiteSpace(field.FieldAlias))
                    {
                        return new NodeValidationProblem("FieldKeyRequired", $"fields[{i}] needs field_key or field_alias (the server answers 20025 otherwise).");
                    }
                    if (field.TargetState != null && string.IsNullOrWhiteSpace(field.TargetState.StateKey))
                    {
                        return new NodeValidationProblem("TargetStateInvalid", $"fields[{i}].target_state needs state_key (the state the value moves to).");
                    }
                    if (field.TargetState?.TransitionId < 0)
                    {
                        return new NodeValidationProblem("TargetStateInvalid", $"fields[{i}].target_state.transition_id must not be negative.");
                    }
                }
            }
            if (request.RoleAssignee != null)
            {
                for (var i = 0; i < request.RoleAssignee.Count; i++)
                {
                    var role = request.RoleAssignee[i];
                    if (role == null || string.IsNullOrWhiteSpace(role.Role)) return Missing($"role_assignee[{i}].role", "the role id, e.g. PM");
                    if (role.Owners == null)
                    {
                        return new NodeValidationProblem("RoleOwnersRequired",
                            $"role_assignee[{i}] ({role.Role}) needs owners: a list of user keys, or an empty list to clear the role.");
                    }
                    if (role.Owners.Any(string.IsNullOrWhiteSpace))
                    {
                        return new NodeValidationProblem("RoleOwnersRequired", $"role_assignee[{i}] ({role.Role}) contains an empty user key.");
                    }
                }
            }
            return null;
        }

        /// <summary>The work item part of a request: space, type and int64 id, each usable as a path segment.</summary>
        public static NodeValidationProblem? ValidateWorkItem(string? projectKey, string? workItemTypeKey, string? workItemId)
        {
            if (string.IsNullOrWhiteSpace(projectKey)) return Missing("project_key", "the space id or simple_name");
            if (string.IsNullOrWhiteSpace(workItemTypeKey)) return Missing("work_item_type_key", "e.g. story");
            if (string.IsNullOrWhiteSpace(workItemId)) return Missing("work_item_id", "the work item's numeric ID");
            if (!IsInt64Digits(workItemId!))
            {
                return new NodeValidationProblem("WorkItemIdInvalid",
                    $"work_item_id '{ApiPath.Shorten(workItemId!)}' must be a positive whole number of at most 19 digits (an int64; keep it as text, it may exceed 2^53).");
            }
            return PathValue("ProjectKey", "project_key", projectKey!) ?? PathValue("WorkItemTypeKey", "work_item_type_key", workItemTypeKey!);
        }

        /// <summary>A value that would change the request path is refused here, naming the cmdlet parameter and the wire field.</summary>
        private static NodeValidationProblem? PathValue(string parameter, string wire, string value)
        {
            var rule = ApiPath.Problem(value.Trim());
            return rule == null ? null
                : new NodeValidationProblem("PathValueInvalid", $"-{parameter} ({wire}) '{ApiPath.Shorten(value.Trim())}' cannot be used in the request path: {rule}.");
        }

        private static NodeValidationProblem? Schedule(NodeSchedule schedule, string name)
        {
            if (!(schedule.Points >= 0) && schedule.Points != null) return new NodeValidationProblem("ScheduleInvalid", $"{name}.points must be a number, not negative.");
            if (!(schedule.ActualWorkTime >= 0) && schedule.ActualWorkTime != null) return new NodeValidationProblem("ScheduleInvalid", $"{name}.actual_work_time must be a number, not negative.");
            if (schedule.PlannedConstructionPeriod < 0) return new NodeValidationProblem("ScheduleInvalid", $"{name}.planned_construction_period must not be negative.");
            if (double.IsInfinity(schedule.Points ?? 0) || double.IsInfinity(schedule.ActualWorkTime ?? 0)) return new NodeValidationProblem("ScheduleInvalid", $"{name} numbers must be finite.");
            foreach (var date in new[] { schedule.EstimateStartDate, schedule.EstimateEndDate })
            {
                var ms = date?.ToUnixTimeMilliseconds();
                if (ms != null && (ms < 1_000_000_000_000L || ms >= 10_000_000_000_000L))
                {
                    return new NodeValidationProblem("ScheduleInvalid", $"{name} dates must be Unix timestamps in milliseconds (13 digits); {date} is out of range.");
                }
            }
            if (schedule.EstimateStartDate > schedule.EstimateEndDate)
            {
                return new NodeValidationProblem("ScheduleInvalid", $"{name}.estimate_start_date must not be after estimate_end_date (the server answers 20013 Invalid Time Interval).");
            }
            if (schedule.Owners != null && schedule.Owners.Any(string.IsNullOrWhiteSpace))
            {
                return new NodeValidationProblem("ScheduleInvalid", $"{name}.owners contains an empty user key.");
            }
            return null;
        }

        private static bool IsInt64Digits(string id)
        {
            var trimmed = id.Trim();
            return trimmed.Length > 0 && trimmed.Length <= 19 && trimmed.All(c => c >= '0' && c <= '9') && long.TryParse(trimmed, out var n) && n > 0;
        }

        private static NodeValidationProblem Missing(string field, string what) =>
            new NodeValidationProblem("RequiredValueMissing", $"{field} is required ({what}).");
    }
}
