using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ApprovalTools.Sandbox.Hosting;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>The {code, msg, data} answers of the Feishu Open Platform.</summary>
    internal static class FeishuEnvelope
    {
        public static SandboxResponse Ok(JsonNode data) =>
            SandboxResponse.Json(200, new JsonObject { ["code"] = 0, ["msg"] = "success", ["data"] = data });

        public static SandboxResponse Error(int status, long code, string msg, IEnumerable<(string Field, string Description)>? violations = null)
        {
            var error = new JsonObject { ["troubleshooter"] = "https://open.feishu.cn/search?q=" + code };
            var list = violations?.ToList();
            if (list != null && list.Count > 0)
            {
                error["field_violations"] = new JsonArray(list.Select(v => (JsonNode)new JsonObject { ["field"] = v.Field, ["description"] = v.Description }).ToArray());
            }
            return SandboxResponse.Json(status, new JsonObject { ["code"] = code, ["msg"] = msg, ["error"] = error });
        }

        public static SandboxResponse InvalidParam(IReadOnlyList<(string Field, string Description)> violations) =>
            Error(400, 1390001, "param is invalid: " + string.Join("; ", violations.Take(5).Select(v => v.Field + " " + v.Description)), violations);
    }
}
