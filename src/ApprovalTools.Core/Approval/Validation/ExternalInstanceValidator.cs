using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Validation
{
    /// <summary>
    /// Every rule the create API docs (https://open.feishu.cn/document/server-docs/approval-v4/external_instance/create) and the FAQ state for a sync request, checked on the wire shape before anything
    /// is sent. Each violation names the field (wire path) and the rule.
    /// </summary>
    public static class ExternalInstanceValidator
    {
        public const int MaxTasks = 300;
        public const int MaxCcs = 200;
        public const int MaxActionsPerTask = 2;
        public const string I18nPrefix = "@i18n@";

        /// <summary>
        /// Feishu documents one text limit, form values "长度不超过 2048 字符"; lacking others, every text field is held to
        /// the same 2048 characters, and extra (a JSON document) to 65,536 - far above real data, far below a pasted file.
        /// </summary>
        public const int MaxTextLength = 2048;
        public const int MaxExtraLength = 65_536;

        internal static void Validate(JsonObject wire, UpdateMode mode, List<FieldViolation> v)
        {
            var rules = new Rules(v);
            rules.RequiredText(wire, "approval_code", "");
            rules.RequiredText(wire, "instance_id", "");
            var status = rules.Enum(wire, "status", "", WireSchema.InstanceStatuses, required: true);
            rules.Enum(wire, "update_mode", "", WireSchema.UpdateModes, required: false);
            rules.Enum(wire, "display_method", "", WireSchema.DisplayMethods, required: false);
            rules.Links(wire, "");
            // The FAQ's purge recipe (REPLACE, APPROVED, no user) is the one documented instance without an initiator.
            var purge = mode == UpdateMode.Replace && status == "APPROVED";
            if (!purge) rules.Initiator(wire, "", "the initiator");
            rules.Time(wire, "start_time", "", required: true);
            rules.Time(wire, "end_time", "", required: true);
            rules.Time(wire, "update_time", "", required: true);
            rules.JsonObjectText(wire, "extra", "");
            if (wire["trusteeship_user_id_type"] is JsonValue idType && idType.ToString() != "user_id")
            {
                v.Add(new FieldViolation("trusteeship_user_id_type", "only \"user_id\" is supported"));
            }

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            if (wire["instance_id"] is JsonValue iid) ids[iid.ToString()] = "instance_id";

            var tasks = wire["task_list"] as JsonArray ?? new JsonArray();
            if (tasks.Count > MaxTasks) v.Add(new FieldViolation("task_list", $"at most {MaxTasks} tasks per instance (got {tasks.Count})"));
            for (var i = 0; i < tasks.Count; i++)
            {
                var path = $"task_list[{i}]";
                if (!(tasks[i] is JsonObject task)) continue;
                rules.UniqueId(task, "task_id", path, ids);
                rules.Initiator(task, path, "the approver");
                rules.Links(task, path);
                rules.Enum(task, "status", path, WireSchema.TaskStatuses, required: true);
                rules.Time(task, "create_time", path, required: true);
                rules.Time(task, "end_time", path, required: true);
                rules.Time(task, "update_time", path, required: mode == UpdateMode.Update,
                    why: "required in UPDATE mode: the server applies a task only when its update_time grew");
                rules.Enum(task, "display_method", path, WireSchema.DisplayMethods, required: false);
                rules.Enum(task, "generate_type", path, WireSchema.GenerateTypes, required: false);
                rules.JsonObjectText(task, "extra", path);
                var actions = task["action_configs"] as JsonArray ?? new JsonArray();
                if (actions.Count > MaxActionsPerTask) v.Add(new FieldViolation(path + ".action_configs", $"at most {MaxActionsPerTask} actions per task (got {actions.Count})"));
                for (var a = 0; a < actions.Count; a++)
                {
                    if (!(actions[a] is JsonObject action)) continue;
                    var actionPath = $"{path}.action_configs[{a}]";
                    var type = rules.RequiredText(action, "action_type", actionPath);
                    // Only the two built-in actions have a name of their own; a custom {KEY} is shown by its action_name.
                    if (type != null && type != "APPROVE" && type != "REJECT" && string.IsNullOrEmpty((action["action_name"] as JsonValue)?.ToString()))
                    {
                        v.Add(new FieldViolation(actionPath + ".action_name", $"required when action_type is not APPROVE or REJECT (got action_type '{type}')"));
                    }
                }
            }

            var ccs = wire["cc_list"] as JsonArray ?? new JsonArray();
            if (ccs.Count > MaxCcs) v.Add(new FieldViolation("cc_list", $"at most {MaxCcs} cc entries per instance (got {ccs.Count})"));
            for (var i = 0; i < ccs.Count; i++)
            {
                var path = $"cc_list[{i}]";
                if (!(ccs[i] is JsonObject cc)) continue;
                rules.UniqueId(cc, "cc_id", path, ids);
                rules.Initiator(cc, path, "the cc recipient");
                rules.Links(cc, path);
                rules.Enum(cc, "read_status", path, WireSchema.ReadStatuses, required: true);
                rules.Time(cc, "create_time", path, required: true);
                rules.Time(cc, "update_time", path, required: true);
                rules.Enum(cc, "display_method", path, WireSchema.DisplayMethods, required: false);
                rules.JsonObjectText(cc, "extra", path);
            }

            I18n(wire, v);
            TextSizes(wire, "", v);
        }

        private static void TextSizes(JsonNode? node, string path, List<FieldViolation> v)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var p in o) TextSizes(p.Value, path.Length == 0 ? p.Key : path + "." + p.Key, v);
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) TextSizes(a[i], $"{path}[{i}]", v);
                    break;
                case JsonValue value when value.TryGetValue<string>(out var text):
                    var limit = path == "extra" || path.EndsWith(".extra", StringComparison.Ordinal) ? MaxExtraLength : MaxTextLength;
                    if (text.Length > limit) v.Add(new FieldViolation(path, $"is {text.Length} characters long; at most {limit} are sent"));
                    break;
            }
        }

        private static void I18n(JsonObject wire, List<FieldViolation> v)
        {
            if (!(wire["i18n_resources"] is JsonArray resources) || resources.Count == 0)
            {
                v.Add(new FieldViolation("i18n_resources", "required: at least one locale, with is_default = true on exactly one"));
                return;
            }
            var defaults = new List<JsonObject>();
            var locales = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < resources.Count; i++)
            {
                var path = $"i18n_resources[{i}]";
                if (!(resources[i] is JsonObject resource)) continue;
                var locale = (resource["locale"] as JsonValue)?.ToString();
                if (string.IsNullOrEmpty(locale)) v.Add(new FieldViolation(path + ".locale", "required"));
                else if (!WireSchema.Locales.Contains(locale)) v.Add(new FieldViolation(path + ".locale", $"must be one of {string.Join(", ", WireSchema.Locales)} (got '{locale}')"));
                else if (!locales.Add(locale!)) v.Add(new FieldViolation(path + ".locale", $"'{locale}' is given twice"));
                if (resource["is_default"] == null) v.Add(new FieldViolation(path + ".is_default", "required (true for the default locale, false for the others)"));
                else if (resource["is_default"]!.GetValue<bool>()) defaults.Add(resource);
                if (!(resource["texts"] is JsonArray texts)) v.Add(new FieldViolation(path + ".texts", "required: a list of {key, value}"));
                else
                {
                    for (var t = 0; t < texts.Count; t++)
                    {
                        if (texts[t] is JsonObject text && string.IsNullOrEmpty((text["key"] as JsonValue)?.ToString()))
                            v.Add(new FieldViolation($"{path}.texts[{t}].key", "required"));
                    }
                }
            }
            if (defaults.Count != 1)
            {
                v.Add(new FieldViolation("i18n_resources", $"exactly one locale must have is_default = true (found {defaults.Count})"));
                return;
            }
            var defined = new HashSet<string>(((defaults[0]["texts"] as JsonArray) ?? new JsonArray())
                .OfType<JsonObject>().Select(t => (t["key"] as JsonValue)?.ToString() ?? string.Empty), StringComparer.Ordinal);
            foreach (var use in KeysUsed(wire))
            {
                if (!defined.Contains(use.Key))
                    v.Add(new FieldViolation(use.Path, $"the i18n key '{use.Key}' is missing from the default locale ({defaults[0]["locale"]}) of i18n_resources"));
            }
        }

        private static IEnumerable<(string Path, string Key)> KeysUsed(JsonObject wire)
        {
            IEnumerable<(string, string)> At(JsonObject? o, string path, params string[] names)
            {
                if (o == null) yield break;
                foreach (var name in names)
                {
                    if (o[name] is JsonValue value && value.ToString().StartsWith(I18nPrefix, StringComparison.Ordinal))
                        yield return (path.Length == 0 ? name : path + "." + name, value.ToString());
                }
            }
            foreach (var k in At(wire, "", "title", "user_name", "department_name")) yield return k;
            var form = wire["form"] as JsonArray ?? new JsonArray();
            for (var i = 0; i < form.Count; i++) foreach (var k in At(form[i] as JsonObject, $"form[{i}]", "name", "value")) yield return k;
            var tasks = wire["task_list"] as JsonArray ?? new JsonArray();
            for (var i = 0; i < tasks.Count; i++)
            {
                foreach (var k in At(tasks[i] as JsonObject, $"task_list[{i}]", "title", "node_name")) yield return k;
                var actions = (tasks[i] as JsonObject)?["action_configs"] as JsonArray ?? new JsonArray();
                for (var a = 0; a < actions.Count; a++) foreach (var k in At(actions[a] as JsonObject, $"task_list[{i}].action_configs[{a}]", "action_name")) yield return k;
            }
            var ccs = wire["cc_list"] as JsonArray ?? new JsonArray();
            for (var i = 0; i < ccs.Count; i++) foreach (var k in At(ccs[i] as JsonObject, $"cc_list[{i}]", "title")) yield return k;
        }

        /// <summary>The small checks, each adding "field: rule".</summary>
        internal sealed class Rules
        {
            private readonly List<FieldViolation> _v;

            public Rules(List<FieldViolation> v) => _v = v;

            private static string Path(string path, string name) => path.Length == 0 ? name : path + "." + name;

            private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

            public string? RequiredText(JsonObject o, string name, string path)
            {
                var value = (o[name] as JsonValue)?.ToString();
                if (string.IsNullOrEmpty(value)) _v.Add(new FieldViolation(Path(path, name), "required (a non-empty string)"));
                return value;
            }

            public string? Enum(JsonObject o, string name, string path, string[] values, bool required)
            {
                var value = (o[name] as JsonValue)?.ToString();
                if (value == null)
                {
                    if (required) _v.Add(new FieldViolation(Path(path, name), "required: one of " + string.Join(", ", values)));
                    return null;
                }
                if (!values.Contains(value, StringComparer.Ordinal))
                {
                    _v.Add(new FieldViolation(Path(path, name), $"must be one of {string.Join(", ", values)} (got '{value}')"));
                    return null;
                }
                return value;
            }

            public void Links(JsonObject o, string path)
            {
                if (!(o["links"] is JsonObject links)) _v.Add(new FieldViolation(Path(path, "links"), "required: an object with pc_link (and optionally mobile_link)"));
                else RequiredText(links, "pc_link", Path(path, "links"));
            }

            public void Initiator(JsonObject o, string path, string who)
            {
                if (string.IsNullOrEmpty((o["user_id"] as JsonValue)?.ToString()) && string.IsNullOrEmpty((o["open_id"] as JsonValue)?.ToString()))
                    _v.Add(new FieldViolation(Path(path, "user_id"), $"one of user_id or open_id is required ({who})"));
            }

            public long? Time(JsonObject o, string name, string path, bool required, string why = "required")
            {
                var text = (o[name] as JsonValue)?.ToString();
                if (text == null)
                {
                    if (required) _v.Add(new FieldViolation(Path(path, name), why + " (a Unix-millisecond timestamp string such as \"1556468012678\"; \"0\" for an end time not reached)"));
                    return null;
                }
                var digits = text.Length > 0 && text.All(c => c >= '0' && c <= '9');
                if (!digits)
                {
                    _v.Add(new FieldViolation(Path(path, name), $"must be a Unix-millisecond timestamp string of digits such as \"1556468012678\" (got '{Shorten(text)}')"));
                    return null;
                }
                // "0" is the documented "not reached" value; any other time is 13 digits. Ten digits are seconds, a
                // frequent slip that would otherwise be taken as January 1970 (NodeSchedule refuses them the same way).
                if (!UnixMs.TryParse(text, out var ms) || ms != 0 && (ms < UnixMs.Min13Digits || ms > UnixMs.Max13Digits))
                {
                    var seconds = text.TrimStart('0').Length == 10;
                    _v.Add(new FieldViolation(Path(path, name), $"must be Unix milliseconds (13 digits, or \"0\"); got '{Shorten(text)}'"
                        + (seconds ? ", which looks like seconds: multiply by 1000 to give milliseconds" : ", which is out of range")));
                    return null;
                }
                return ms;
            }

            public void UniqueId(JsonObject o, string name, string path, Dictionary<string, string> ids)
            {
                var id = RequiredText(o, name, path);
                if (id == null) return;
                if (ids.TryGetValue(id, out var other))
                    _v.Add(new FieldViolation(Path(path, name), $"'{id}' is already used by {other}: instance, task and cc ids must all be distinct"));
                else ids[id] = Path(path, name);
            }

            public void JsonObjectText(JsonObject o, string name, string path)
            {
                var text = (o[name] as JsonValue)?.ToString();
                if (string.IsNullOrEmpty(text)) return;
                try
                {
                    using var doc = JsonDocument.Parse(text!);
                    if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException();
                }
                catch (JsonException)
                {
                    _v.Add(new FieldViolation(Path(path, name), "must be a JSON object serialized to a string, e.g. {\"business_key\":\"PO-1\"}"));
                }
            }
        }
    }
}
