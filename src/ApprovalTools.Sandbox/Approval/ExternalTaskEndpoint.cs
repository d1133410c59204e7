using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using ApprovalTools.Sandbox.Hosting;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>
    /// GET /open-apis/approval/v4/external_tasks ("获取三方审批任务状态"): filters in a JSON body on the GET
    /// (approval_codes ≤ 20, instance_ids ≤ 20, user_ids, status), page_size 1..500 (default 50) counting instances,
    /// an opaque page_token bound to the filters, has_more; data.data[] = instances with their stored tasks.
    /// </summary>
    internal static class ExternalTaskEndpoint
    {
        private static readonly string[] Statuses = { "PENDING", "APPROVED", "REJECTED", "TRANSFERRED", "DONE" };

        public static SandboxResponse Handle(SandboxRequest request, InstanceStore store, Func<string, bool> isDefinition)
        {
            var v = new List<(string, string)>();
            var body = request.Body.Length == 0 ? new JsonObject() : request.Json() as JsonObject;
            if (body == null) return FeishuEnvelope.InvalidParam(new[] { ("body", "must be a JSON object") });
            var codes = Strings(body, "approval_codes", 20, v);
            var ids = Strings(body, "instance_ids", 20, v);
            var users = Strings(body, "user_ids", int.MaxValue, v);
            var status = CreateRequestRules.Str(body["status"]);
            if (status != null && !Statuses.Contains(status)) v.Add(("status", $"invalid enum value {status}"));
            // UNCONFIRMED (the page is silent): a code no definition holds is refused rather than matching nothing.
            foreach (var unknown in codes.Where(c => !isDefinition(c))) v.Add(("approval_codes", $"no third-party approval definition has the code '{unknown}'"));
            // The doc's request examples name the required fields of each use: instance_ids alone, or approval_codes
            // with status (user_ids only with both). UNCONFIRMED beyond the examples; the sandbox takes them as rules.
            if (ids.Count == 0 && (codes.Count == 0 || status == null)) v.Add(("instance_ids", "is required unless approval_codes and status are given"));
            var pageSize = 50;
            var sizeText = request.QueryValue("page_size");
            if (!string.IsNullOrEmpty(sizeText) && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > 500))
                v.Add(("page_size", $"must be an integer between 1 and 500 (got {sizeText})"));
            if (v.Count > 0) return FeishuEnvelope.InvalidParam(v);

            var scope = "external|" + body.ToJsonString();
            var offset = 0;
            var token = request.QueryValue("page_token");
            if (!string.IsNullOrEmpty(token) && !TaskQueryEndpoint.TryReadToken(token!, scope, out offset))
                return FeishuEnvelope.InvalidParam(new[] { ("page_token", "is invalid or belongs to another query") });

            var all = store.ExternalTasks(codes, ids, users, status);
            var page = all.Skip(offset).Take(pageSize).ToList();
            var hasMore = offset + page.Count < all.Count;
            var data = new JsonObject { ["data"] = new JsonArray(page.Select(p => (JsonNode)p).ToArray()), ["has_more"] = hasMore };
            if (hasMore) data["page_token"] = TaskQueryEndpoint.Token(scope, offset + page.Count);
            return FeishuEnvelope.Ok(data);
        }

        private static List<string> Strings(JsonObject body, string name, int max, List<(string, string)> violations)
        {
            if (body[name] == null) return new List<string>();
            if (!(body[name] is JsonArray array) || array.Any(x => string.IsNullOrEmpty(CreateRequestRules.Str(x))))
            {
                violations.Add((name, "must be an array of non-empty strings"));
                return new List<string>();
            }
            if (array.Count > max) violations.Add((name, $"exceeds the maximum length {max}"));
            return array.Select(x => CreateRequestRules.Str(x)!).ToList();
        }
    }
}
