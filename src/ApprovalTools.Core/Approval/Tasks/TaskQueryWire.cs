using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ApprovalTools.Core.Approval.Tasks
{
    /// <summary>data of a tasks/query answer. count is only on the first page; page_token only when has_more.</summary>
    public sealed class TaskQueryData
    {
        [JsonPropertyName("tasks")] public List<TaskWire>? Tasks { get; set; }
        [JsonPropertyName("page_token")] public string? PageToken { get; set; }
        [JsonPropertyName("has_more")] public bool HasMore { get; set; }
        [JsonPropertyName("count")] public TaskCountWire? Count { get; set; }
    }

    /// <summary>count.total is capped at 999; count.has_more is then true.</summary>
    public sealed class TaskCountWire
    {
        [JsonPropertyName("total")] public int Total { get; set; }
        [JsonPropertyName("has_more")] public bool HasMore { get; set; }
    }

    /// <summary>One tasks[] item in wire shape; enums stay strings (the doc's own example uses words, not codes).</summary>
    public sealed class TaskWire
    {
        [JsonPropertyName("topic")] public string? Topic { get; set; }
        [JsonPropertyName("user_id")] public string? UserId { get; set; }
        [JsonPropertyName("title")] public string? Title { get; set; }
        [JsonPropertyName("urls")] public TaskUrlsWire? Urls { get; set; }
        [JsonPropertyName("process_external_id")] public string? ProcessExternalId { get; set; }
        [JsonPropertyName("task_external_id")] public string? TaskExternalId { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("process_status")] public string? ProcessStatus { get; set; }
        [JsonPropertyName("definition_code")] public string? DefinitionCode { get; set; }
        [JsonPropertyName("definition_name")] public string? DefinitionName { get; set; }
        [JsonPropertyName("initiators")] public List<string>? Initiators { get; set; }
        [JsonPropertyName("initiator_names")] public List<string>? InitiatorNames { get; set; }
        [JsonPropertyName("task_id")] public string? TaskId { get; set; }
        [JsonPropertyName("process_id")] public string? ProcessId { get; set; }
        [JsonPropertyName("process_code")] public string? ProcessCode { get; set; }
    }

    public sealed class TaskUrlsWire
    {
        [JsonPropertyName("helpdesk")] public string? Helpdesk { get; set; }
        [JsonPropertyName("mobile")] public string? Mobile { get; set; }
        [JsonPropertyName("pc")] public string? Pc { get; set; }
    }
}
