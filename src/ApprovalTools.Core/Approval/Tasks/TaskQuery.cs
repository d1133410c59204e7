using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ApprovalTools.Core.Operations;
using ApprovalTools.Core.Approval.Input;

namespace ApprovalTools.Core.Approval.Tasks
{
    /// <summary>What GET tasks/query is asked: one user, one topic, a page size (1..200, default 100).</summary>
    public sealed class TaskQuery
    {
        public const int MaxPageSize = 200;
        public const int DefaultPageSize = 100;

        public string UserId { get; set; } = string.Empty;
        public UserIdType UserIdType { get; set; } = UserIdType.OpenId;
        public TaskTopic Topic { get; set; } = TaskTopic.Todo;
        public int PageSize { get; set; } = DefaultPageSize;

        /// <summary>The rules of the task query docs (https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/approval-v4/task/query), checked before anything is sent; empty when the query is valid.</summary>
        public List<FieldViolation> Validate()
        {
            var v = new List<FieldViolation>();
            if (string.IsNullOrWhiteSpace(UserId)) v.Add(new FieldViolation("user_id", "required (a non-empty string)"));
            if (!Enum.IsDefined(typeof(TaskTopic), Topic)) v.Add(new FieldViolation("topic", "must be one of Todo (1), Done (2), Initiated (3), UnreadCc (17), ReadCc (18)"));
            if (!Enum.IsDefined(typeof(UserIdType), UserIdType)) v.Add(new FieldViolation("user_id_type", "must be one of open_id, union_id, user_id"));
            if (PageSize < 1 || PageSize > MaxPageSize) v.Add(new FieldViolation("page_size", $"must be between 1 and {MaxPageSize} (got {PageSize})"));
            return v;
        }

        /// <summary>
        /// Why <see cref="UserId"/> does not look like its <see cref="UserIdType"/>, or null: Feishu's open_ids start with
        /// "ou_" and union_ids with "on_" (user_ids are tenant-defined). The server answers a mismatch with an empty list,
        /// not an error, so this is the only hint a user gets.
        /// </summary>
        public string? IdTypeMismatch()
        {
            var id = UserId ?? string.Empty;
            var open = id.StartsWith("ou_", StringComparison.Ordinal);
            var union = id.StartsWith("on_", StringComparison.Ordinal);
            switch (UserIdType)
            {
                case UserIdType.OpenId when !open:
                    return $"'{id}' does not look like an open_id (open_ids start with 'ou_'), the type -UserIdType gives (default open_id). "
                        + (union ? "For a union_id add -UserIdType union_id." : "For a user_id add -UserIdType user_id.") + " An id of the wrong type lists no tasks.";
                case UserIdType.UnionId when !union:
                    return $"'{id}' does not look like a union_id (union_ids start with 'on_'). "
                        + (open ? "For an open_id use -UserIdType open_id." : "For a user_id use -UserIdType user_id.") + " An id of the wrong type lists no tasks.";
                case UserIdType.UserId when open || union:
                    return $"'{id}' looks like {(open ? "an open_id" : "a union_id")}, but -UserIdType is user_id; use -UserIdType {(open ? "open_id" : "union_id")}. An id of the wrong type lists no tasks.";
                default:
                    return null;
            }
        }

        public static string WireOf(UserIdType type) => type switch
        {
            UserIdType.UnionId => "union_id",
            UserIdType.UserId => "user_id",
            _ => "open_id",
        };

        /// <summary>"open_id", "OpenId", "union_id", ... (what -UserIdType or a hashtable may hold).</summary>
        public static UserIdType ParseUserIdType(string text)
        {
            var canonical = new string(text.Where(c => c != '_' && c != '-').ToArray());
            if (Enum.TryParse<UserIdType>(canonical, ignoreCase: true, out var type) && Enum.IsDefined(typeof(UserIdType), type)) return type;
            throw new ArgumentException($"'{text}' is not a user id type: use open_id, union_id or user_id.");
        }

        /// <summary>The query string of one page (page_token omitted on the first).</summary>
        public string PathAndQuery(string path, string? pageToken)
        {
            var query = "?user_id=" + Uri.EscapeDataString(UserId)
                + "&topic=" + ((int)Topic).ToString(CultureInfo.InvariantCulture)
                + "&user_id_type=" + WireOf(UserIdType)
                + "&page_size=" + PageSize.ToString(CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(pageToken)) query += "&page_token=" + Uri.EscapeDataString(pageToken!);
            return path + query;
        }

        public override string ToString() => $"{Topic} tasks of {WireOf(UserIdType)} '{UserId}'";
    }

    /// <summary>One page of a task query, decoded.</summary>
    public sealed class TaskPage : ApprovalTools.Core.Operations.IPage
    {
        IEnumerable<object> ApprovalTools.Core.Operations.IPage.Items => Tasks;

        public IReadOnlyList<ApprovalTask> Tasks { get; set; } = Array.Empty<ApprovalTask>();
        public bool HasMore { get; set; }
        public string? PageToken { get; set; }

        /// <summary>count.total of the first page (null on later pages); capped at 999 by the server.</summary>
        public int? Total { get; set; }

        /// <summary>count.has_more: the real total is larger than <see cref="Total"/> (which is then 999).</summary>
        public bool TotalIsCapped { get; set; }

        public string? LogId { get; set; }
    }

    /// <summary>Wire item to <see cref="ApprovalTask"/>.</summary>
    internal static class TaskDecoder
    {
        public static ApprovalTask Decode(TaskWire w, TaskQuery query) => new ApprovalTask
        {
            UserId = string.IsNullOrEmpty(w.UserId) ? query.UserId : w.UserId!,
            Topic = Enum.TryParse<TaskTopic>(w.Topic, true, out var topic) && Enum.IsDefined(typeof(TaskTopic), topic) ? topic : query.Topic,
            TaskId = Empty(w.TaskId),
            Title = w.Title,
            Status = Parse(w.Status, ApprovalTaskStatus.Unknown),
            ProcessStatus = Parse(w.ProcessStatus, ProcessStatus.Unknown),
            ApprovalCode = Empty(w.DefinitionCode),
            DefinitionCode = Empty(w.DefinitionCode),
            DefinitionName = w.DefinitionName,
            InstanceId = Empty(w.ProcessExternalId),
            ExternalTaskId = Empty(w.TaskExternalId),
            ProcessId = Empty(w.ProcessId),
            ProcessCode = Empty(w.ProcessCode),
            Initiators = new TextList(w.Initiators),
            InitiatorNames = new TextList(w.InitiatorNames),
            Urls = new ApprovalTaskUrls { Pc = w.Urls?.Pc, Mobile = w.Urls?.Mobile, Helpdesk = w.Urls?.Helpdesk },
        };

        private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;

        /// <summary>Numeric codes ("1") as documented, and the words of the doc's example ("Todo", "Running").</summary>
        internal static T Parse<T>(string? text, T unknown) where T : struct, Enum
        {
            if (string.IsNullOrEmpty(text)) return unknown;
            if (Enum.TryParse<T>(text, true, out var value) && Enum.IsDefined(typeof(T), value)) return value;
            return unknown;
        }
    }
}
