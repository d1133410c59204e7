using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ApprovalTools.Sandbox.Hosting;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>
    /// Third-party approval definitions ("创建三方审批定义" / "查看指定三方审批定义"). Create is an upsert by approval_code: a
    /// code that matches a definition (its real code or the code it was created with) updates it; any other creates a new
    /// definition with a code of Feishu's own, which the answer returns, as the create page describes.
    /// </summary>
    internal sealed class DefinitionStore
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, JsonObject> _byCode = new Dictionary<string, JsonObject>(StringComparer.Ordinal);

        /// <summary>Adds a definition under a fixed code (seed data for rehearsals and tests).</summary>
        public void Seed(string code, string name)
        {
            var definition = new JsonObject
            {
                ["approval_code"] = code,
                ["approval_name"] = "@i18n@approval_name",
                ["external"] = new JsonObject { ["support_pc"] = true, ["support_mobile"] = true },
                ["viewers"] = new JsonArray(new JsonObject { ["viewer_type"] = "TENANT" }),
                ["i18n_resources"] = new JsonArray(new JsonObject
                {
                    ["locale"] = "zh-CN", ["is_default"] = true,
                    ["texts"] = new JsonArray(new JsonObject { ["key"] = "@i18n@approval_name", ["value"] = name }),
                }),
            };
            lock (_gate) _byCode[code] = definition;
        }

        /// <summary>Whether <paramref name="code"/> is a definition's own code (not merely the code it was created with).</summary>
        public bool Exists(string code)
        {
            lock (_gate) return _byCode.TryGetValue(code, out var d) && CreateRequestRules.Str(d["approval_code"]) == code;
        }

        public SandboxResponse Create(JsonObject body)
        {
            var v = new List<(string, string)>();
            var name = CreateRequestRules.Str(body["approval_name"]);
            if (name == null || !name.StartsWith("@i18n@", StringComparison.Ordinal) || name.Length < 9) v.Add(("approval_name", "must be an @i18n@ key of at least 9 characters"));
            var code = CreateRequestRules.Str(body["approval_code"]);
            if (string.IsNullOrEmpty(code) || code!.Length > 128) v.Add(("approval_code", "is required, at most 128 characters"));
            if (!(body["external"] is JsonObject external)) v.Add(("external", "is required"));
            else if (!Flag(external["support_pc"]) && !Flag(external["support_mobile"])) v.Add(("external.support_pc", "support_pc and support_mobile cannot both be false"));
            if (body["viewers"] is JsonArray viewers && viewers.Count > 200) v.Add(("viewers", "exceeds the maximum length 200"));
            if (body["managers"] is JsonArray managers && managers.Count > 200) v.Add(("managers", "exceeds the maximum length 200"));
            if (name != null && !KeyHasText(body, name)) v.Add(("i18n_resources", $"the default locale has no text for {name}"));
            if (v.Count > 0) return FeishuEnvelope.InvalidParam(v);
            lock (_gate)
            {
                var stored = (JsonObject)body.DeepClone();
                string real;
                if (_byCode.TryGetValue(code!, out var existing))
                {
                    real = CreateRequestRules.Str(existing["approval_code"])!;
                    foreach (var key in _byCode.Where(p => ReferenceEquals(p.Value, existing)).Select(p => p.Key).ToList()) _byCode[key] = stored;
                }
                else
                {
                    real = Guid.NewGuid().ToString().ToUpperInvariant();
                    _byCode[code!] = stored;
                    _byCode[real] = stored;
                }
                stored["approval_code"] = real;
                return FeishuEnvelope.Ok(new JsonObject { ["approval_code"] = real });
            }
        }

        public SandboxResponse Get(string code)
        {
            lock (_gate)
            {
                if (!_byCode.TryGetValue(code, out var stored)) return FeishuEnvelope.InvalidParam(new[] { ("approval_code", $"no third-party approval definition '{code}'") });
                var answer = (JsonObject)stored.DeepClone();
                return FeishuEnvelope.Ok(answer);
            }
        }

        private static bool Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

        private static bool KeyHasText(JsonObject body, string key) =>
            (body["i18n_resources"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
                .Where(r => Flag(r["is_default"]))
                .SelectMany(r => (r["texts"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                .Any(t => CreateRequestRules.Str(t["key"]) == key && !string.IsNullOrEmpty(CreateRequestRules.Str(t["value"])));
    }
}
