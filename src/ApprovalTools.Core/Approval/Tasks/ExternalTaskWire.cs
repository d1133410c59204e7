using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Tasks
{
    internal sealed class ExternalTaskListRequest
    {
        [JsonPropertyName("approval_codes")] public List<string>? ApprovalCodes { get; set; }
        [JsonPropertyName("instance_ids")] public List<string>? InstanceIds { get; set; }
        [JsonPropertyName("user_ids")] public List<string>? UserIds { get; set; }
        [JsonPropertyName("status")] public ExternalTaskStatus? Status { get; set; }
    }

    /// <summary>data of an external_tasks answer: instances with their tasks; page_token only when has_more.</summary>
    public sealed class ExternalTaskListData
    {
        [JsonPropertyName("data")] public List<ExternalTaskInstanceWire?>? Data { get; set; }
        [JsonPropertyName("page_token")] public string? PageToken { get; set; }
        [JsonPropertyName("has_more")] public bool HasMore { get; set; }
    }

    public sealed class ExternalTaskInstanceWire
    {
        [JsonPropertyName("instance_id")] public string? InstanceId { get; set; }
        [JsonPropertyName("approval_id")] public string? ApprovalId { get; set; }
        [JsonPropertyName("approval_code")] public string? ApprovalCode { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("update_time")] public string? UpdateTime { get; set; }
        [JsonPropertyName("tasks")] public List<ExternalTaskItemWire?>? Tasks { get; set; }
    }

    public sealed class ExternalTaskItemWire
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("update_time")] public string? UpdateTime { get; set; }
    }

    internal static class ExternalTaskDecoder
    {
        /// <summary>One record per task, in the server's order; an instance without tasks yields none.</summary>
        public static List<ExternalTaskRecord> Decode(ExternalTaskListData? data) =>
            (data?.Data ?? new List<ExternalTaskInstanceWire?>()).Where(i => i != null)
                .SelectMany(i => (i!.Tasks ?? new List<ExternalTaskItemWire?>()).Where(t => t != null).Select(t => new ExternalTaskRecord
                {
                    InstanceId = i.InstanceId ?? string.Empty,
                    ApprovalCode = i.ApprovalCode,
                    ApprovalId = i.ApprovalId,
                    InstanceStatus = i.Status,
                    InstanceUpdateTime = Ms(i.UpdateTime),
                    TaskId = t!.Id ?? string.Empty,
                    Status = t.Status,
                    UpdateTime = Ms(t.UpdateTime),
                })).ToList();

        private static DateTimeOffset? Ms(string? text) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 && ms < 253402300800000L
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
    }
}
