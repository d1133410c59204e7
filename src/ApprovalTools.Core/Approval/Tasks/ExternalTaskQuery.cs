using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Tasks
{
    /// <summary>
    /// What GET /open-apis/approval/v4/external_tasks ("获取三方审批任务状态") is asked: filters in a JSON body
    /// (approval_codes ≤ 20, instance_ids ≤ 20, user_ids, status) and page_size 1..500 (default 50) in the query.
    /// </summary>
    public sealed class ExternalTaskQuery
    {
        public const int MaxCodes = 20;
        public const int MaxInstances = 20;
        public const int MaxPageSize = 500;
        public const int DefaultPageSize = 50;

        public IList<string> ApprovalCodes { get; set; } = new List<string>();
        public IList<string> InstanceIds { get; set; } = new List<string>();

        /// <summary>Approvers' user_id values.</summary>
        public IList<string> UserIds { get; set; } = new List<string>();

        public ExternalTaskStatus? Status { get; set; }
        public int PageSize { get; set; } = DefaultPageSize;

        /// <summary>
        /// The documented limits, and the filter combinations the doc's request examples require: instance_ids, or
        /// approval_codes with status (user_ids only together with both). Empty when the query is valid.
        /// </summary>
        public List<FieldViolation> Validate()
        {
            var v = new List<FieldViolation>();
            if (ApprovalCodes.Count > MaxCodes) v.Add(new FieldViolation("approval_codes", $"at most {MaxCodes} codes per query (got {ApprovalCodes.Count})"));
            if (InstanceIds.Count > MaxInstances) v.Add(new FieldViolation("instance_ids", $"at most {MaxInstances} instance ids per query (got {InstanceIds.Count})"));
            foreach (var (name, list) in new[] { ("approval_codes", ApprovalCodes), ("instance_ids", InstanceIds), ("user_ids", UserIds) })
            {
                if (list.Any(string.IsNullOrWhiteSpace)) v.Add(new FieldViolation(name, "contains an empty value"));
            }
            if (InstanceIds.Count == 0 && (ApprovalCodes.Count == 0 || Status == null))
                v.Add(new FieldViolation("instance_ids", "give instance ids, or approval codes together with a status (and optionally user ids)"));
            if (Status != null && !Enum.IsDefined(typeof(ExternalTaskStatus), Status.Value)) v.Add(new FieldViolation("status", "must be PENDING, APPROVED, REJECTED, TRANSFERRED or DONE"));
            if (PageSize < 1 || PageSize > MaxPageSize) v.Add(new FieldViolation("page_size", $"must be between 1 and {MaxPageSize} (got {PageSize})"));
            return v;
        }

        public string PathAndQuery(string path, string? pageToken) =>
            path + "?page_size=" + PageSize.ToString(CultureInfo.InvariantCulture)
            + (string.IsNullOrEmpty(pageToken) ? string.Empty : "&page_token=" + Uri.EscapeDataString(pageToken!));

        internal ExternalTaskListRequest ToWire() => new ExternalTaskListRequest
        {
            ApprovalCodes = ApprovalCodes.Count == 0 ? null : ApprovalCodes.Select(c => c.Trim()).ToList(),
            InstanceIds = InstanceIds.Count == 0 ? null : InstanceIds.Select(c => c.Trim()).ToList(),
            UserIds = UserIds.Count == 0 ? null : UserIds.Select(c => c.Trim()).ToList(),
            Status = Status,
        };

        public override string ToString()
        {
            var parts = new List<string>();
            if (InstanceIds.Count > 0) parts.Add("instances " + string.Join(",", InstanceIds));
            if (ApprovalCodes.Count > 0) parts.Add("approval codes " + string.Join(",", ApprovalCodes));
            if (UserIds.Count > 0) parts.Add("users " + string.Join(",", UserIds));
            if (Status != null) parts.Add("status " + Status);
            return "external tasks of " + (parts.Count == 0 ? "(no filter)" : string.Join(", ", parts));
        }
    }

    /// <summary>
    /// One third-party task as Feishu stores it (GET external_tasks), with its instance's stored status and update_time:
    /// what the server actually holds, where the check API only compares times.
    /// </summary>
    public sealed class ExternalTaskRecord
    {
        public string InstanceId { get; set; } = string.Empty;
        public string? ApprovalCode { get; set; }

        /// <summary>Feishu's id of the approval definition (approval_id).</summary>
        public string? ApprovalId { get; set; }

        /// <summary>The instance's stored status (wire PENDING, APPROVED, ...), as text so a new value still shows.</summary>
        public string? InstanceStatus { get; set; }

        public DateTimeOffset? InstanceUpdateTime { get; set; }

        public string TaskId { get; set; } = string.Empty;

        /// <summary>The task's stored status (PENDING, APPROVED, REJECTED, TRANSFERRED, DONE).</summary>
        public string? Status { get; set; }

        public DateTimeOffset? UpdateTime { get; set; }

        public override string ToString() => $"{InstanceId}/{TaskId} {Status}";
    }

    /// <summary>One decoded page of external tasks.</summary>
    public sealed class ExternalTaskPage : ApprovalTools.Core.Operations.IPage
    {
        IEnumerable<object> ApprovalTools.Core.Operations.IPage.Items => Tasks;

        public IReadOnlyList<ExternalTaskRecord> Tasks { get; set; } = Array.Empty<ExternalTaskRecord>();
        public bool HasMore { get; set; }
        public string? PageToken { get; set; }
    }
}
