using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ApprovalTools.Core.BatchApproval.Json
{
    /// <summary>The _submit answer: {"batch_number": "..."}.</summary>
    internal sealed class SubmitAnswer
    {
        [JsonPropertyName("batch_number")]
        public string? BatchNumber { get; set; }
    }

    /// <summary>Source-generated (de)serialization of the batch approval wire shapes.</summary>
    [JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
    [JsonSerializable(typeof(string[]))]
    [JsonSerializable(typeof(List<BatchCheckEntry>))]
    [JsonSerializable(typeof(SubmitAnswer))]
    [JsonSerializable(typeof(BatchProgress))]
    internal sealed partial class BatchApprovalJsonContext : JsonSerializerContext
    {
    }
}
