using System.Text.Json.Serialization;

namespace ApprovalTools.Core.Approval.Models
{
    /// <summary>Where a list entry opens (instance, task or cc). pc_link is required.</summary>
    public sealed class InstanceLink
    {
        [JsonPropertyName("pc_link")]
        public string? PcLink { get; set; }

        [JsonPropertyName("mobile_link")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? MobileLink { get; set; }

        public override string ToString() => PcLink ?? MobileLink ?? string.Empty;
    }
}
