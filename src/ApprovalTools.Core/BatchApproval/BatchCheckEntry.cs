using System.Text.Json.Serialization;

namespace ApprovalTools.Core.BatchApproval
{
    /// <summary>One element of the _check answer, matched to the request by position (batch approval docs, 8.1).</summary>
    public sealed class BatchCheckEntry
    {
        /// <summary>Null when the server left it out (the client treats that as a malformed answer).</summary>
        [JsonPropertyName("supported")]
        public bool? Supported { get; set; }

        [JsonPropertyName("reason")]
        public string? Reason { get; set; }
    }
}
