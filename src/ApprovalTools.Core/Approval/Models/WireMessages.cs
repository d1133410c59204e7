using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using ApprovalTools.Core.Approval.Json;

namespace ApprovalTools.Core.Approval.Models
{
    /// <summary>The Feishu response envelope {code, msg, data}.</summary>
    public sealed class FeishuEnvelope<T> where T : class
    {
        [JsonPropertyName("code")] public long Code { get; set; }
        [JsonPropertyName("msg")] public string? Msg { get; set; }
        [JsonPropertyName("data")] public T? Data { get; set; }
    }

    /// <summary>data of a create (sync) answer: the echoed instance and, where the server sends it, what it did.</summary>
    public sealed class CreateInstanceData
    {
        [JsonPropertyName("data")] public ExternalInstance? Data { get; set; }
        [JsonPropertyName("process_record")] public ProcessRecord? ProcessRecord { get; set; }
    }

    /// <summary>How many instances, tasks and cc entries the server inserted, updated and deleted (optional in answers).</summary>
    public sealed class ProcessRecord
    {
        [JsonPropertyName("instance")] public ProcessCounts? Instance { get; set; }
        [JsonPropertyName("task")] public ProcessCounts? Task { get; set; }
        [JsonPropertyName("cc")] public ProcessCounts? Cc { get; set; }

        public override string ToString() => $"instance {Instance}; task {Task}; cc {Cc}";
    }

    public sealed class ProcessCounts
    {
        [JsonPropertyName("insert_num")] public int Inserted { get; set; }
        [JsonPropertyName("update_num")] public int Updated { get; set; }
        [JsonPropertyName("delete_num")] public int Deleted { get; set; }

        public override string ToString() => $"+{Inserted} ~{Updated} -{Deleted}";
    }

    public sealed class CheckRequest
    {
        [JsonPropertyName("instances")] public List<CheckInstance> Instances { get; set; } = new List<CheckInstance>();
    }

    /// <summary>What the check call compares: an instance id, its update_time and its tasks' times.</summary>
    public sealed class CheckInstance
    {
        [JsonPropertyName("instance_id")] public string? InstanceId { get; set; }
        [JsonPropertyName("update_time")] public DateTimeOffset UpdateTime { get; set; }
        [JsonPropertyName("tasks")] public List<CheckTask> Tasks { get; set; } = new List<CheckTask>();
    }

    public sealed class CheckTask
    {
        [JsonPropertyName("task_id")] public string? TaskId { get; set; }

        [JsonPropertyName("update_time")]
        [JsonConverter(typeof(UnixMsOrZeroConverter))]
        [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
        public DateTimeOffset? UpdateTime { get; set; }
    }

    public sealed class CheckResponseData
    {
        [JsonPropertyName("diff_instances")] public List<DiffInstanceWire>? DiffInstances { get; set; }
    }

    /// <summary>One diff_instances item; "0" times (null here) mean the server does not have the entity.</summary>
    public sealed class DiffInstanceWire
    {
        [JsonPropertyName("instance_id")] public string? InstanceId { get; set; }

        [JsonPropertyName("update_time")]
        [JsonConverter(typeof(UnixMsOrZeroConverter))]
        public DateTimeOffset? UpdateTime { get; set; }

        [JsonPropertyName("tasks")] public List<CheckTask>? Tasks { get; set; }
    }

    public sealed class TenantTokenRequest
    {
        [JsonPropertyName("app_id")] public string? AppId { get; set; }
        [JsonPropertyName("app_secret")] public string? AppSecret { get; set; }
    }

    /// <summary>The token endpoint answers at the top level, not under data.</summary>
    public sealed class TenantTokenResponse
    {
        [JsonPropertyName("code")] public long Code { get; set; }
        [JsonPropertyName("msg")] public string? Msg { get; set; }
        [JsonPropertyName("tenant_access_token")] public string? TenantAccessToken { get; set; }
        [JsonPropertyName("expire")] public long Expire { get; set; }
    }
}
