using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ApprovalTools.Core.Project.Json
{
    // Wire shapes of the node-operate and plugin-token calls. Null members are omitted (see ProjectJsonContext),
    // so "no change" stays absent while an empty list is sent as [].

    internal sealed class PluginTokenRequest
    {
        [JsonPropertyName("plugin_id")] public string PluginId { get; set; } = string.Empty;
        [JsonPropertyName("plugin_secret")] public string PluginSecret { get; set; } = string.Empty;
        [JsonPropertyName("type")] public int Type { get; set; }
    }

    internal sealed class PluginTokenResponse
    {
        [JsonPropertyName("data")] public PluginTokenData? Data { get; set; }
        [JsonPropertyName("error")] public PluginTokenError? Error { get; set; }
    }

    internal sealed class PluginTokenData
    {
        [JsonPropertyName("token")] public string? Token { get; set; }
        [JsonPropertyName("expire_time")] public long ExpireTime { get; set; }
    }

    internal sealed class PluginTokenError
    {
        [JsonPropertyName("code")] public long Code { get; set; }
        [JsonPropertyName("msg")] public string? Msg { get; set; }
    }

    internal sealed class NodeOperateBody
    {
        // Absent for node update (PUT .../node/:node_id), which shares the rest of the body.
        [JsonPropertyName("action")] public string? Action { get; set; }
        [JsonPropertyName("rollback_reason")] public string? RollbackReason { get; set; }
        [JsonPropertyName("node_owners")] public List<string>? NodeOwners { get; set; }
        [JsonPropertyName("node_schedule")] public WireSchedule? NodeSchedule { get; set; }
        [JsonPropertyName("schedules")] public List<WireSchedule>? Schedules { get; set; }
        [JsonPropertyName("fields")] public List<WireField>? Fields { get; set; }
        [JsonPropertyName("role_assignee")] public List<WireRoleOwner>? RoleAssignee { get; set; }
    }

    internal sealed class WireSchedule
    {
        [JsonPropertyName("points")] public double? Points { get; set; }
        [JsonPropertyName("estimate_start_date")] public long? EstimateStartDate { get; set; }
        [JsonPropertyName("estimate_end_date")] public long? EstimateEndDate { get; set; }
        [JsonPropertyName("owners")] public List<string>? Owners { get; set; }
        [JsonPropertyName("actual_work_time")] public double? ActualWorkTime { get; set; }
        [JsonPropertyName("is_auto")] public bool? IsAuto { get; set; }
        [JsonPropertyName("planned_construction_period")] public int? PlannedConstructionPeriod { get; set; }
    }

    internal sealed class WireField
    {
        [JsonPropertyName("field_key")] public string? FieldKey { get; set; }
        [JsonPropertyName("field_alias")] public string? FieldAlias { get; set; }
        [JsonPropertyName("field_type_key")] public string? FieldTypeKey { get; set; }
        [JsonPropertyName("field_value")] public JsonNode? FieldValue { get; set; }
        [JsonPropertyName("target_state")] public WireTargetState? TargetState { get; set; }

        // Read from the workflow query only (v2 SDK); node operations leave it null, so it is never sent.
        [JsonPropertyName("field_name")] public string? FieldName { get; set; }
    }

    internal sealed class WireTargetState
    {
        [JsonPropertyName("state_key")] public string? StateKey { get; set; }
        [JsonPropertyName("transition_id")] public long? TransitionId { get; set; }
    }

    internal sealed class WireRoleOwner
    {
        [JsonPropertyName("role")] public string? Role { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("owners")] public List<string> Owners { get; set; } = new List<string>();
    }
}
