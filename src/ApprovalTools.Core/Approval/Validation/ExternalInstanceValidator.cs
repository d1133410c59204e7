using System;
using System.Collections.Generic;
using System.Text.Json;
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

        /// <summary>Adds the rules' violations for an instance as <see cref="WireWriter"/> read it (text lengths are the writer's).</summary>
        internal static void Validate(WireRecord wire, UpdateMode mode, List<FieldViolation> v)
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
            var idType = wire.Text("trusteeship_user_id_type");
            if (idType != null && idType != "user_id")
            {
                v.Add(new FieldViolation("trusteeship_user_id_type", "only \"user_id\" is supported"));
            }
            // Not in the create docs' rules, but an unknown value cannot be sent: the API takes only these.
            var cache = wire.Record("trusteeship_cache_config");
            if (cache != null) rules.Enum(cache, "form_policy", "trusteeship_cache_config", WireSchema.FormPolicies, required: false);

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            var instanceId = wire.Text("instance_id");
            if (instanceId != null) ids[instanceId] = "instance_id";

            var tasks = wire.List("task_list");
            if (tasks.Count > MaxTasks) v.Add(new FieldViolation("task_list", $"at most {MaxTasks} tasks per instance (got {tasks.Count})"));
            for (var i = 0; i < tasks.Count; i++)
            {
                var path = $"task_list[{i}]";
                var task = tasks[i];
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
                var actions = task.List("action_configs");
                if (actions.Count > MaxActionsPerTask) v.Add(new FieldViolation(path + ".action_configs", $"at most {MaxActionsPerTask} actions per task (got {actions.Count})"));
                for (var a = 0; a < actions.Count; a++)
                {
                    var action = actions[a];
                    var actionPath = $"{path}.action_configs[{a}]";
                    var type = rules.RequiredText(action, "action_type", actionPath);
                    // Only the two built-in actions have a name of their own; a custom {KEY} is shown by its action_name.
                    if (type != null && type != "APPROVE" && type != "REJECT" && string.IsNullOrEmpty(action.Text("action_name")))
                    {
                        v.Add(new FieldViolation(actionPath + ".action_name", $"required when action_type is not APPROVE or REJECT (got action_type '{type}')"));
                    }
                }
            }

            var ccs = wire.List("cc_list");
            if (ccs.Count > MaxCcs) v.Add(new FieldViolation("cc_list", $"at most {MaxCcs} cc entries per instance (got {ccs.Count})"));
            for (var i = 0; i < ccs.Count; i++)
            {
                var path = $"cc_list[{i}]";
                var cc = ccs[i];
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
        }

        private static void I18n(WireRecord wire, List<FieldViolation> v)
        {
            var resources = wire.ListOrNull("i18n_resources");
            if (resources == null || resources.Count == 0)
            {
                v.Add(new FieldViolation("i18n_resources", "required: at least one locale, with is_default = true on exactly one"));
                return;
            }
            WireRecord? first = null;
            var defaults = 0;
            var locales = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < resources.Count; i++)
            {
                var path = $"i18n_resources[{i}]";
                var resource = resources[i];
                var locale = resource.Text("locale");
                if (string.IsNullOrEmpty(locale)) v.Add(new FieldViolation(path + ".locale", "required"));
                else if (System.Array.IndexOf(WireSchema.Locales, locale) < 0) v.Add(new FieldViolation(path + ".locale", $"must be one of {string.Join(", ", WireSchema.Locales)} (got '{locale}')"));
                else if (!locales.Add(locale!)) v.Add(new FieldViolation(path + ".locale", $"'{locale}' is given twice"));
                var isDefault = resource.Bool("is_default");
                if (isDefault == null) v.Add(new FieldViolation(path + ".is_default", "required (true for the default locale, false for the others)"));
                else if (isDefault.Value && defaults++ == 0) first = resource;
                var texts = resource.ListOrNull("texts");
                if (texts == null) v.Add(new FieldViolation(path + ".texts", "required: a list of {key, value}"));
                else
                {
                    for (var t = 0; t < texts.Count; t++)
                    {
                        if (string.IsNullOrEmpty(texts[t].Text("key"))) v.Add(new FieldViolation($"{path}.texts[{t}].key", "required"));
                    }
                }
            }
            if (defaults != 1)
            {
                v.Add(new FieldViolation("i18n_resources", $"exactly one locale must have is_default = true (found {defaults})"));
                return;
            }
            new I18nKeys(first!, v).CheckUses(wire);
        }

        /// <summary>Every "@i18n@key" used by a text field must be defined in the default locale.</summary>
        private sealed class I18nKeys
        {
            private readonly HashSet<string> _defined = new HashSet<string>(StringComparer.Ordinal);
            private readonly string? _locale;
            private readonly List<FieldViolation> _v;

            public I18nKeys(WireRecord defaultLocale, List<FieldViolation> v)
            {
                foreach (var text in defaultLocale.List("texts")) _defined.Add(text.Text("key") ?? string.Empty);
                _locale = defaultLocale.Text("locale");
                _v = v;
            }

            public void CheckUses(WireRecord wire)
            {
                Use(wire, "", "title");
                Use(wire, "", "user_name");
                Use(wire, "", "department_name");
                var form = wire.List("form");
                for (var i = 0; i < form.Count; i++)
                {
                    Use(form[i], "form", i, "name");
                    Use(form[i], "form", i, "value");
                }
                var tasks = wire.List("task_list");
                for (var i = 0; i < tasks.Count; i++)
                {
                    Use(tasks[i], "task_list", i, "title");
                    Use(tasks[i], "task_list", i, "node_name");
                    var actions = tasks[i].List("action_configs");
                    for (var a = 0; a < actions.Count; a++) Use(actions[a], $"task_list[{i}].action_configs", a, "action_name");
                }
                var ccs = wire.List("cc_list");
                for (var i = 0; i < ccs.Count; i++) Use(ccs[i], "cc_list", i, "title");
            }

            private void Use(WireRecord o, string list, int index, string name)
            {
                var key = o.Text(name);
                if (key != null && key.StartsWith(I18nPrefix, StringComparison.Ordinal) && !_defined.Contains(key))
                {
                    Missing($"{list}[{index}].{name}", key);
                }
            }

            private void Use(WireRecord o, string path, string name)
            {
                var key = o.Text(name);
                if (key != null && key.StartsWith(I18nPrefix, StringComparison.Ordinal) && !_defined.Contains(key))
                {
                    Missing(path.Length == 0 ? name : path + "." + name, key);
                }
            }

            private void Missing(string path, string key) =>
                _v.Add(new FieldViolation(path, $"the i18n key '{key}' is missing from the default locale ({_locale}) of i18n_resources"));
        }

        /// <summary>The small checks, each adding "field: rule".</summary>
        internal sealed class Rules
        {
            private readonly List<FieldViolation> _v;

            public Rules(List<FieldViolation> v) => _v = v;

            private static string Path(string path, string name) => path.Length == 0 ? name : path + "." + name;

            private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

            public string? RequiredText(WireRecord o, string name, string path)
            {
                var value = o.Text(name);
                if (string.IsNullOrEmpty(value)) _v.Add(new FieldViolation(Path(path, name), "required (a non-empty string)"));
                return value;
            }

            public string? Enum(WireRecord o, string name, string path, string[] values, bool required)
            {
                var value = o.Text(name);
                if (value == null)
                {
                    if (required) _v.Add(new FieldViolation(Path(path, name), "required: one of " + string.Join(", ", values)));
                    return null;
                }
                if (System.Array.IndexOf(values, value) < 0)
                {
                    _v.Add(new FieldViolation(Path(path, name), $"must be one of {string.Join(", ", values)} (got '{value}')"));
                    return null;
                }
                return value;
            }

            public void Links(WireRecord o, string path)
            {
                var links = o.Record("links");
                if (links == null) _v.Add(new FieldViolation(Path(path, "links"), "required: an object with pc_link (and optionally mobile_link)"));
                else RequiredText(links, "pc_link", Path(path, "links"));
            }

            public void Initiator(WireRecord o, string path, string who)
            {
                if (string.IsNullOrEmpty(o.Text("user_id")) && string.IsNullOrEmpty(o.Text("open_id")))
                    _v.Add(new FieldViolation(Path(path, "user_id"), $"one of user_id or open_id is required ({who})"));
            }

            public long? Time(WireRecord o, string name, string path, bool required, string why = "required")
            {
                var text = o.Text(name);
                if (text == null)
                {
                    if (required) _v.Add(new FieldViolation(Path(path, name), why + " (a Unix-millisecond timestamp string such as \"1556468012678\"; \"0\" for an end time not reached)"));
                    return null;
                }
                var digits = text.Length > 0 && AllDigits(text);
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

            public void UniqueId(WireRecord o, string name, string path, Dictionary<string, string> ids)
            {
                var id = RequiredText(o, name, path);
                if (id == null) return;
                if (ids.TryGetValue(id, out var other))
                    _v.Add(new FieldViolation(Path(path, name), $"'{id}' is already used by {other}: instance, task and cc ids must all be distinct"));
                else ids[id] = Path(path, name);
            }

            private static bool AllDigits(string text)
            {
                foreach (var c in text)
                {
                    if (c < '0' || c > '9') return false;
                }
                return true;
            }

            public void JsonObjectText(WireRecord o, string name, string path)
            {
                var text = o.Text(name);
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
