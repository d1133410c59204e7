using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using ApprovalTools.Sandbox.Hosting;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>
    /// GET /open-apis/approval/v4/tasks/query over the synced instances: user_id + topic required, user_id read as the
    /// user_id_type open_id (default) | union_id | user_id names, through the <see cref="UserDirectory"/>,
    /// page_size 1..200 (default 100), an opaque page_token bound to the query, has_more, and count {total, has_more}
    /// on the first page only with total capped at 999. Bad parameters are 1390001.
    /// </summary>
    internal static class TaskQueryEndpoint
    {
        private static readonly int[] Topics = { 1, 2, 3, 17, 18 };
        private static readonly string[] IdTypes = { "open_id", "union_id", "user_id" };
        public const int TotalCap = 999;

        private static readonly Dictionary<string, string> StatusWords = new Dictionary<string, string>
        {
            ["1"] = "Todo", ["2"] = "Done", ["17"] = "Unread", ["18"] = "Read", ["33"] = "Processing", ["34"] = "Withdrawn",
        };

        private static readonly Dictionary<string, string> ProcessWords = new Dictionary<string, string>
        {
            ["0"] = "None", ["1"] = "Running", ["2"] = "Approved", ["3"] = "Rejected", ["4"] = "Revoked", ["5"] = "Terminated",
        };

        public static SandboxResponse Handle(SandboxRequest request, InstanceStore store, UserDirectory users, bool words)
        {
            var v = new List<(string, string)>();
            var user = request.QueryValue("user_id");
            if (string.IsNullOrEmpty(user)) v.Add(("user_id", "is required"));
            var topicText = request.QueryValue("topic");
            var topic = 0;
            if (string.IsNullOrEmpty(topicText)) v.Add(("topic", "is required"));
            else if (!int.TryParse(topicText, NumberStyles.None, CultureInfo.InvariantCulture, out topic) || !Topics.Contains(topic))
                v.Add(("topic", $"invalid enum value {topicText} (1, 2, 3, 17, 18)"));
            var idType = request.QueryValue("user_id_type") ?? "open_id";
            if (!IdTypes.Contains(idType)) v.Add(("user_id_type", $"invalid enum value {idType}"));
            var pageSize = 100;
            var sizeText = request.QueryValue("page_size");
            // UNCONFIRMED whether the server clamps a page_size above 200; the sandbox rejects it (stricter reading).
            if (!string.IsNullOrEmpty(sizeText) && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > 200))
                v.Add(("page_size", $"must be an integer between 1 and 200 (got {sizeText})"));
            if (v.Count > 0) return FeishuEnvelope.InvalidParam(v);

            var scope = user + "|" + idType + "|" + topic;
            var offset = 0;
            var token = request.QueryValue("page_token");
            if (!string.IsNullOrEmpty(token) && !TryReadToken(token!, scope, out offset))
                return FeishuEnvelope.InvalidParam(new[] { ("page_token", "is invalid or belongs to another query") });

            var all = store.Query(user!, idType, topic, users.Find(user!, idType));
            var page = all.Skip(offset).Take(pageSize).ToList();
            if (words) foreach (var item in page) InWords(item);
            var hasMore = offset + page.Count < all.Count;
            var data = new JsonObject
            {
                ["tasks"] = new JsonArray(page.Select(p => (JsonNode)p).ToArray()),
                ["has_more"] = hasMore,
            };
            if (hasMore) data["page_token"] = Token(scope, offset + page.Count);
            if (string.IsNullOrEmpty(token))
                data["count"] = new JsonObject { ["total"] = Math.Min(all.Count, TotalCap), ["has_more"] = all.Count > TotalCap };
            return FeishuEnvelope.Ok(data);
        }

        /// <summary>The doc's own example answers "status": "Todo", "process_status": "Running" instead of the codes.</summary>
        private static void InWords(JsonObject item)
        {
            if (item["status"]?.GetValue<string>() is string status && StatusWords.TryGetValue(status, out var word)) item["status"] = word;
            if (item["process_status"]?.GetValue<string>() is string process && ProcessWords.TryGetValue(process, out var pword)) item["process_status"] = pword;
        }

        internal static string Token(string scope, int offset) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture) + "|" + scope));

        internal static bool TryReadToken(string token, string scope, out int offset)
        {
            offset = 0;
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                var bar = text.IndexOf('|');
                return bar > 0 && text.Substring(bar + 1) == scope
                    && int.TryParse(text.Substring(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
