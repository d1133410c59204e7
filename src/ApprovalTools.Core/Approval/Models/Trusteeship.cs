using System.Text.Json.Serialization;

namespace ApprovalTools.Core.Approval.Models
{
    public sealed class TrusteeshipUrls
    {
        [JsonPropertyName("form_detail_url")] public string? FormDetailUrl { get; set; }
        [JsonPropertyName("action_definition_url")] public string? ActionDefinitionUrl { get; set; }
        [JsonPropertyName("approval_node_url")] public string? ApprovalNodeUrl { get; set; }
        [JsonPropertyName("action_callback_url")] public string? ActionCallbackUrl { get; set; }
        [JsonPropertyName("pull_business_data_url")] public string? PullBusinessDataUrl { get; set; }
    }

    public sealed class TrusteeshipCacheConfig
    {
        [JsonPropertyName("form_policy")]
        public FormPolicy? FormPolicy { get; set; }

        [JsonPropertyName("form_vary_with_locale")] public bool? FormVaryWithLocale { get; set; }

        /// <summary>An int64 as a string; raise it when the form changes.</summary>
        [JsonPropertyName("form_version")] public string? FormVersion { get; set; }
    }

    /// <summary>A quick-approval action on a task (mobile only, at most 2 per task).</summary>
    public sealed class ActionConfig
    {
        [JsonPropertyName("action_type")] public string? ActionType { get; set; }
        [JsonPropertyName("action_name")] public string? ActionName { get; set; }
        [JsonPropertyName("is_need_reason")] public bool? IsNeedReason { get; set; }
        [JsonPropertyName("is_reason_required")] public bool? IsReasonRequired { get; set; }
        [JsonPropertyName("is_need_attachment")] public bool? IsNeedAttachment { get; set; }
    }
}
