using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using ApprovalTools.Core.Approval.Json;

namespace ApprovalTools.Core.Approval.Models
{
    /// <summary>
    /// A third-party approval instance as POST /open-apis/approval/v4/external_instances takes it.
    /// PowerShell-friendly names; the wire names are on the attributes; times are Unix-millisecond strings on the wire.
    /// </summary>
    public sealed class ExternalInstance
    {
        [JsonPropertyName("approval_code")] public string? ApprovalCode { get; set; }
        [JsonPropertyName("instance_id")] public string? InstanceId { get; set; }
        [JsonPropertyName("status")] public InstanceStatus Status { get; set; }
        [JsonPropertyName("extra")] public string? Extra { get; set; }
        [JsonPropertyName("links")] public InstanceLink? Links { get; set; }
        [JsonPropertyName("title")] public string? Title { get; set; }
        [JsonPropertyName("form")] public List<FormItem>? Form { get; set; }
        [JsonPropertyName("user_id")] public string? UserId { get; set; }
        [JsonPropertyName("user_name")] public string? UserName { get; set; }
        [JsonPropertyName("open_id")] public string? OpenId { get; set; }
        [JsonPropertyName("department_id")] public string? DepartmentId { get; set; }
        [JsonPropertyName("department_name")] public string? DepartmentName { get; set; }
        [JsonPropertyName("start_time")] public DateTimeOffset StartTime { get; set; }

        /// <summary>Null while the instance is not finished ("0" on the wire).</summary>
        [JsonPropertyName("end_time")]
        [JsonConverter(typeof(UnixMsOrZeroConverter))]
        [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
        public DateTimeOffset? EndTime { get; set; }

        [JsonPropertyName("update_time")] public DateTimeOffset UpdateTime { get; set; }
        [JsonPropertyName("display_method")] public DisplayMethod? DisplayMethod { get; set; }
        [JsonPropertyName("update_mode")] public UpdateMode? UpdateMode { get; set; }
        [JsonPropertyName("task_list")] public List<ExternalTask>? TaskList { get; set; }
        [JsonPropertyName("cc_list")] public List<ExternalCc>? CcList { get; set; }
        [JsonPropertyName("i18n_resources")] public List<I18nResource>? I18nResources { get; set; }
        [JsonPropertyName("trusteeship_url_token")] public string? TrusteeshipUrlToken { get; set; }
        [JsonPropertyName("trusteeship_user_id_type")] public string? TrusteeshipUserIdType { get; set; }
        [JsonPropertyName("trusteeship_urls")] public TrusteeshipUrls? TrusteeshipUrls { get; set; }
        [JsonPropertyName("trusteeship_cache_config")] public TrusteeshipCacheConfig? TrusteeshipCacheConfig { get; set; }
        [JsonPropertyName("resource_region")] public string? ResourceRegion { get; set; }

        public override string ToString() => $"{InstanceId} ({ApprovalCode}, {Status})";
    }

    /// <summary>One approver's task in <see cref="ExternalInstance.TaskList"/>.</summary>
    public sealed class ExternalTask
    {
        [JsonPropertyName("task_id")] public string? TaskId { get; set; }
        [JsonPropertyName("user_id")] public string? UserId { get; set; }
        [JsonPropertyName("open_id")] public string? OpenId { get; set; }
        [JsonPropertyName("title")] public string? Title { get; set; }
        [JsonPropertyName("links")] public InstanceLink? Links { get; set; }
        [JsonPropertyName("status")] public ExternalTaskStatus Status { get; set; }
        [JsonPropertyName("extra")] public string? Extra { get; set; }
        [JsonPropertyName("create_time")] public DateTimeOffset CreateTime { get; set; }

        [JsonPropertyName("end_time")]
        [JsonConverter(typeof(UnixMsOrZeroConverter))]
        [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
        public DateTimeOffset? EndTime { get; set; }

        /// <summary>Optional on the wire, but required locally in UPDATE mode (the server applies a task only when it grew).</summary>
        [JsonPropertyName("update_time")] public DateTimeOffset? UpdateTime { get; set; }

        [JsonPropertyName("action_context")] public string? ActionContext { get; set; }
        [JsonPropertyName("action_configs")] public List<ActionConfig>? ActionConfigs { get; set; }
        [JsonPropertyName("display_method")] public DisplayMethod? DisplayMethod { get; set; }
        [JsonPropertyName("exclude_statistics")] public bool? ExcludeStatistics { get; set; }
        [JsonPropertyName("node_id")] public string? NodeId { get; set; }
        [JsonPropertyName("node_name")] public string? NodeName { get; set; }
        [JsonPropertyName("generate_type")] public GenerateType? GenerateType { get; set; }

        public override string ToString() => $"{TaskId} ({Status})";
    }

    /// <summary>One cc (知会) entry in <see cref="ExternalInstance.CcList"/>.</summary>
    public sealed class ExternalCc
    {
        [JsonPropertyName("cc_id")] public string? CcId { get; set; }
        [JsonPropertyName("user_id")] public string? UserId { get; set; }
        [JsonPropertyName("open_id")] public string? OpenId { get; set; }
        [JsonPropertyName("links")] public InstanceLink? Links { get; set; }
        [JsonPropertyName("read_status")] public ReadStatus ReadStatus { get; set; }
        [JsonPropertyName("extra")] public string? Extra { get; set; }
        [JsonPropertyName("title")] public string? Title { get; set; }
        [JsonPropertyName("create_time")] public DateTimeOffset CreateTime { get; set; }
        [JsonPropertyName("update_time")] public DateTimeOffset UpdateTime { get; set; }
        [JsonPropertyName("display_method")] public DisplayMethod? DisplayMethod { get; set; }

        public override string ToString() => $"{CcId} ({ReadStatus})";
    }
}
