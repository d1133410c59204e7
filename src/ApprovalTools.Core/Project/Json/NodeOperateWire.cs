using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ApprovalTools.Core.Project.Json
{
    /// <summary>Turns a validated request into the wire body.</summary>
    internal static class NodeOperateWire
    {
        public static byte[] Body(NodeOperationRequest request)
        {
            var action = request.Action ?? NodeAction.Confirm;
            var body = new NodeOperateBody
            {
                Action = action.ToWire(),
                RollbackReason = action == NodeAction.Rollback ? request.RollbackReason : null,
                NodeOwners = request.NodeOwners?.ToList(),
                NodeSchedule = request.NodeSchedule == null ? null : Schedule(request.NodeSchedule),
                Schedules = request.Schedules?.Select(Schedule).ToList(),
                Fields = request.Fields?.Select(f => new WireField
                {
                    FieldKey = f.FieldKey,
                    FieldAlias = f.FieldAlias,
                    FieldTypeKey = f.FieldTypeKey,
                    FieldValue = WireValue.From(f.FieldValue),
                    TargetState = f.TargetState == null ? null : new WireTargetState { StateKey = f.TargetState.StateKey, TransitionId = f.TargetState.TransitionId },
                }).ToList(),
                RoleAssignee = request.RoleAssignee?.Select(r => new WireRoleOwner
                {
                    Role = r.Role,
                    Name = r.Name,
                    Owners = r.Owners?.ToList() ?? new List<string>(),
                }).ToList(),
            };
            return JsonSerializer.SerializeToUtf8Bytes(body, ProjectJsonContext.Default.NodeOperateBody);
        }

        private static WireSchedule Schedule(NodeSchedule s) => new WireSchedule
        {
            Points = s.Points,
            EstimateStartDate = s.EstimateStartDate?.ToUnixTimeMilliseconds(),
            EstimateEndDate = s.EstimateEndDate?.ToUnixTimeMilliseconds(),
            Owners = s.Owners?.ToList(),
            ActualWorkTime = s.ActualWorkTime,
            IsAuto = s.IsAuto,
            PlannedConstructionPeriod = s.PlannedConstructionPeriod,
        };
    }
}
