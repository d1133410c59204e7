using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ApprovalTools.Core.Project.Json
{
    // Wire shapes of "获取工作流详情" (official Go SDK service/workitem QueryWorkflowReqBody / NodesConnections / WorkflowNode).

    internal sealed class WorkflowQueryBody
    {
        /// <summary>0 node flow (the only kind node operations apply to), 1 state flow.</summary>
        [JsonPropertyName("flow_type")] public long FlowType { get; set; }
    }

    internal sealed class WorkflowQueryResponse
    {
        [JsonPropertyName("data")] public NodesConnectionsWire? Data { get; set; }
    }

    internal sealed class NodesConnectionsWire
    {
        [JsonPropertyName("workflow_nodes")] public List<WorkflowNodeWire>? WorkflowNodes { get; set; }
    }

    internal sealed class WorkflowNodeWire
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("state_key")] public string? StateKey { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("status")] public int Status { get; set; }
        [JsonPropertyName("fields")] public List<WireField?>? Fields { get; set; }
        [JsonPropertyName("owners")] public List<string>? Owners { get; set; }
        [JsonPropertyName("node_schedule")] public WireSchedule? NodeSchedule { get; set; }
        [JsonPropertyName("schedules")] public List<WireSchedule?>? Schedules { get; set; }
        [JsonPropertyName("actual_begin_time")] public string? ActualBeginTime { get; set; }
        [JsonPropertyName("actual_finish_time")] public string? ActualFinishTime { get; set; }
        [JsonPropertyName("role_assignee")] public List<WireRoleOwner?>? RoleAssignee { get; set; }
        [JsonPropertyName("different_schedule")] public bool DifferentSchedule { get; set; }
        [JsonPropertyName("milestone")] public bool Milestone { get; set; }
        [JsonPropertyName("participants")] public List<string>? Participants { get; set; }
    }
}
