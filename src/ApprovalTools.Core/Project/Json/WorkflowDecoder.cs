using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ApprovalTools.Core.Project.Json
{
    /// <summary>Workflow query nodes (wire) into <see cref="WorkflowNode"/> objects of one work item.</summary>
    internal static class WorkflowDecoder
    {
        public static List<WorkflowNode> Decode(WorkItemReference item, NodesConnectionsWire? data)
        {
            var nodes = new List<WorkflowNode>();
            foreach (var wire in data?.WorkflowNodes ?? new List<WorkflowNodeWire>())
            {
                if (wire == null) continue;
                nodes.Add(new WorkflowNode
                {
                    ProjectKey = item.ProjectKey!.Trim(),
                    WorkItemTypeKey = item.WorkItemTypeKey!.Trim(),
                    WorkItemId = item.WorkItemId!.Trim(),
                    NodeId = !string.IsNullOrEmpty(wire.Id) ? wire.Id! : wire.StateKey ?? string.Empty,
                    Name = wire.Name,
                    Status = Enum.IsDefined(typeof(WorkflowNodeStatus), wire.Status) ? (WorkflowNodeStatus)wire.Status : WorkflowNodeStatus.Unknown,
                    Owners = wire.Owners?.ToArray() ?? Array.Empty<string>(),
                    Schedule = wire.NodeSchedule == null ? null : Schedule(wire.NodeSchedule),
                    Schedules = wire.Schedules?.Where(s => s != null).Select(s => Schedule(s!)).ToArray() ?? Array.Empty<NodeSchedule>(),
                    Fields = wire.Fields?.Where(f => f != null).Select(f => Field(f!)).ToArray() ?? Array.Empty<FieldValuePair>(),
                    RoleAssignee = wire.RoleAssignee?.Where(r => r != null)
                        .Select(r => new RoleOwner { Role = r!.Role, Name = r.Name, Owners = r.Owners?.ToList() ?? new List<string>() }).ToArray() ?? Array.Empty<RoleOwner>(),
                    ActualBeginTime = Time(wire.ActualBeginTime),
                    ActualFinishTime = Time(wire.ActualFinishTime),
                    DifferentSchedule = wire.DifferentSchedule,
                    Milestone = wire.Milestone,
                    Participants = wire.Participants?.ToArray() ?? Array.Empty<string>(),
                });
            }
            return nodes;
        }

        private static NodeSchedule Schedule(WireSchedule s) => new NodeSchedule
        {
            Points = s.Points,
            EstimateStartDate = s.EstimateStartDate is long start ? DateTimeOffset.FromUnixTimeMilliseconds(start) : (DateTimeOffset?)null,
            EstimateEndDate = s.EstimateEndDate is long end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : (DateTimeOffset?)null,
            Owners = s.Owners,
            ActualWorkTime = s.ActualWorkTime,
            IsAuto = s.IsAuto,
            PlannedConstructionPeriod = s.PlannedConstructionPeriod,
        };

        private static FieldValuePair Field(WireField f) => new FieldValuePair
        {
            FieldKey = f.FieldKey,
            FieldAlias = f.FieldAlias,
            FieldTypeKey = f.FieldTypeKey,
            FieldValue = PlainJson.From(f.FieldValue),
            TargetState = f.TargetState == null ? null : new TargetState { StateKey = f.TargetState.StateKey, TransitionId = f.TargetState.TransitionId },
            FieldName = f.FieldName,
        };

        /// <summary>
        /// The SDK types these times as strings without saying their format (UNCONFIRMED): Unix milliseconds or a
        /// date-time text are read; anything else is left out rather than guessed.
        /// </summary>
        private static DateTimeOffset? Time(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                return ms > 0 && ms < 253402300800000L ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
            }
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
        }
    }
}
