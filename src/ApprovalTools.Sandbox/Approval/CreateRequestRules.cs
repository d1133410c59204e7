using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>
    /// The server's own reading of the create request (written apart from the client's validator on purpose).
    /// Violations become 1390001 with error.field_violations.
    /// </summary>
    internal sealed class CreateRequestRules
    {
        private static readonly string[] InstanceStatuses = { "PENDING", "APPROVED", "REJECTED", "CANCELED", "DELETED", "HIDDEN", "TERMINATED" };
        private static readonly string[] TaskStatuses = { "PENDING", "APPROVED", "REJECTED", "TRANSFERRED", "DONE" };
        private static readonly string[] ReadStatuses = { "READ", "UNREAD" };
        private static readonly string[] DisplayMethods = { "BROWSER", "SIDEBAR", "NORMAL", "TRUSTEESHIP" };
        private static readonly string[] Modes = { "REPLACE", "UPDATE" };
        private static readonly string[] GenerateTypes = { "EXTERNAL_CONSIGN", "DEFAULT" };

        private readonly List<(string, string)> _v = new List<(string, string)>();

        public static List<(string Field, string Description)> Check(JsonObject body)
        {
            var rules = new CreateRequestRules();
            rules.Instance(body);
            return rules._v;
        }

        private void Instance(JsonObject o)
        {
            Text(o, "approval_code", "", true);
            Text(o, "instance_id", "", true);
            var status = Enum(o, "status", "", InstanceStatuses, true);
            var mode = Enum(o, "update_mode", "", Modes, false) ?? "REPLACE";
            Enum(o, "display_method", "", DisplayMethods, false);
            Links(o, "");
            // The FAQ's purge recipe sends REPLACE + APPROVED without any user; every other instance needs an initiator.
            if (!(mode == "REPLACE" && status == "APPROVED")) Person(o, "");
            Time(o, "start_time", "", true);
            Time(o, "end_time", "", true);
            Time(o, "update_time", "", true);

            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (o["instance_id"] is JsonValue id) ids.Add(id.ToString());
            var tasks = List(o, "task_list", 300);
            for (var i = 0; i < tasks.Count; i++)
            {
                var p = $"task_list[{i}]";
                if (!(tasks[i] is JsonObject t)) { _v.Add((p, "must be an object")); continue; }
                Id(t, "task_id", p, ids);
                Person(t, p);
                Links(t, p);
                Enum(t, "status", p, TaskStatuses, true);
                Time(t, "create_time", p, true);
                Time(t, "end_time", p, true);
                Time(t, "update_time", p, false);
                Enum(t, "display_method", p, DisplayMethods, false);
                Enum(t, "generate_type", p, GenerateTypes, false);
                Actions(t, p);
            }
            var ccs = List(o, "cc_list", 200);
            for (var i = 0; i < ccs.Count; i++)
            {
                var p = $"cc_list[{i}]";
                if (!(ccs[i] is JsonObject c)) { _v.Add((p, "must be an object")); continue; }
                Id(c, "cc_id", p, ids);
                Person(c, p);
                Links(c, p);
                Enum(c, "read_status", p, ReadStatuses, true);
                Time(c, "create_time", p, true);
                Time(c, "update_time", p, true);
            }
            I18n(o);
        }

        // [DOC-CREATE] action_configs[].action_type: APPROVE, REJECT or any {KEY}; a {KEY} needs action_name.
        private void Actions(JsonObject task, string path)
        {
            var actions = List(task, "action_configs", 2);
            for (var a = 0; a < actions.Count; a++)
            {
                var p = $"{path}.action_configs[{a}]";
                if (!(actions[a] is JsonObject action)) { _v.Add((p, "must be an object")); continue; }
                var type = Text(action, "action_type", p, true);
                if (type != null && type != "APPROVE" && type != "REJECT" && string.IsNullOrEmpty(Str(action["action_name"])))
                    _v.Add((p + ".action_name", $"is required for action_type {type}"));
            }
        }

        private void I18n(JsonObject o)
        {
            if (!(o["i18n_resources"] is JsonArray list) || list.Count == 0)
            {
                _v.Add(("i18n_resources", "is required"));
                return;
            }
            var defaults = list.OfType<JsonObject>().Where(r => r["is_default"] is JsonValue d && d.GetValueKind() == JsonValueKind.True).ToList();
            if (defaults.Count != 1)
            {
                _v.Add(("i18n_resources", $"must have exactly one is_default locale (found {defaults.Count})"));
                return;
            }
            var keys = new HashSet<string>((defaults[0]["texts"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
                .Select(t => Str(t["key"]) ?? string.Empty), StringComparer.Ordinal);
            foreach (var used in UsedKeys(o).Where(k => !keys.Contains(k)).Distinct())
            {
                _v.Add(("i18n_resources", $"default locale lacks key {used}"));
            }
        }

        private static IEnumerable<string> UsedKeys(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var p in o)
                    {
                        if (p.Key == "i18n_resources") continue;
                        foreach (var k in UsedKeys(p.Value)) yield return k;
                    }
                    break;
                case JsonArray a:
                    foreach (var item in a) foreach (var k in UsedKeys(item)) yield return k;
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    var s = v.GetValue<string>();
                    if (s.StartsWith("@i18n@", StringComparison.Ordinal)) yield return s;
                    break;
            }
        }

        private JsonArray List(JsonObject o, string name, int max)
        {
            var node = o[name];
            if (node == null) return new JsonArray();
            if (!(node is JsonArray a)) { _v.Add((name, "must be an array")); return new JsonArray(); }
            if (a.Count > max) _v.Add((name, $"exceeds the maximum length {max} (got {a.Count})"));
            return a;
        }

        private void Id(JsonObject o, string name, string path, HashSet<string> ids)
        {
            var id = Text(o, name, path, true);
            if (id != null && !ids.Add(id)) _v.Add((path + "." + name, $"duplicate id {id} (ids must be unique across instance, tasks and cc)"));
        }

        private void Person(JsonObject o, string path)
        {
            if (string.IsNullOrEmpty(Str(o["user_id"])) && string.IsNullOrEmpty(Str(o["open_id"])))
                _v.Add((Join(path, "user_id"), "user_id or open_id is required"));
        }

        private void Links(JsonObject o, string path)
        {
            if (!(o["links"] is JsonObject links)) _v.Add((Join(path, "links"), "is required"));
            else Text(links, "pc_link", Join(path, "links"), true);
        }

        private string? Text(JsonObject o, string name, string path, bool required)
        {
            var node = o[name];
            if (node == null) { if (required) _v.Add((Join(path, name), "is required")); return null; }
            var s = Str(node);
            if (s == null) { _v.Add((Join(path, name), "must be a string")); return null; }
            if (required && s.Length == 0) _v.Add((Join(path, name), "must not be empty"));
            return s;
        }

        private string? Enum(JsonObject o, string name, string path, string[] values, bool required)
        {
            var s = Text(o, name, path, required);
            if (s != null && !values.Contains(s)) { _v.Add((Join(path, name), $"invalid enum value {s}")); return null; }
            return s;
        }

        // UNCONFIRMED whether numbers are accepted (the tutorial sends end_time: 0); the sandbox takes the stricter
        // reading of the schema (strings of Unix milliseconds) so a client that sends numbers is caught in tests.
        private void Time(JsonObject o, string name, string path, bool required)
        {
            var node = o[name];
            if (node == null) { if (required) _v.Add((Join(path, name), "is required")); return; }
            var s = Str(node);
            if (s == null || s.Length == 0 || s.Length > 16 || !s.All(char.IsDigit)) _v.Add((Join(path, name), "must be a string of Unix milliseconds"));
        }

        internal static string? Str(JsonNode? node) =>
            node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

        private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
    }
}
