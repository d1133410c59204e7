using System;
using System.Collections.Generic;
using System.Linq;

namespace ApprovalTools.Core.Approval.Input
{
    internal enum FieldKind { String, Time, Bool, Enum, Object, Array, StringArray, JsonText, I18nTexts }

    /// <summary>One field of a wire object: its kind, and for objects/arrays the shape of its items.</summary>
    internal sealed class FieldSpec
    {
        public FieldSpec(FieldKind kind, WireSchema? items = null, string[]? values = null)
        {
            Kind = kind;
            Items = items;
            Values = values;
        }

        public FieldKind Kind { get; }
        public WireSchema? Items { get; }
        public string[]? Values { get; }

        /// <summary>Set by <see cref="WireSchema.Add(string, FieldSpec, string[])"/>: the field's slot in a record.</summary>
        public int Ordinal { get; set; }
    }

    /// <summary>
    /// The known fields of one wire object, looked up by wire name ("instance_id"), PowerShell name ("InstanceId")
    /// or any casing/underscore variant of either, plus a few friendly aliases ("Tasks" for task_list).
    /// </summary>
    internal sealed class WireSchema
    {
        private readonly Dictionary<string, string> _byCanonical = new Dictionary<string, string>(CanonicalNameComparer.Instance);

        public WireSchema(string name) => Name = name;

        public string Name { get; }

        public Dictionary<string, FieldSpec> Fields { get; } = new Dictionary<string, FieldSpec>(StringComparer.Ordinal);

        /// <summary>Each field's position in a <see cref="WireRecord"/> of this schema, in the order the fields were added.</summary>
        private readonly Dictionary<string, int> _ordinals = new Dictionary<string, int>(StringComparer.Ordinal);

        public int Count => _ordinals.Count;

        public int OrdinalOf(string wireName) => _ordinals[wireName];

        public WireSchema Add(string wireName, FieldSpec spec, params string[] aliases)
        {
            spec.Ordinal = _ordinals.Count;
            _ordinals[wireName] = spec.Ordinal;
            Fields[wireName] = spec;
            _byCanonical[wireName] = wireName;
            foreach (var alias in aliases) _byCanonical[alias] = wireName;
            return this;
        }

        public WireSchema Add(string wireName, FieldKind kind, params string[] aliases) => Add(wireName, new FieldSpec(kind), aliases);

        public string? WireNameOf(string key) => _byCanonical.TryGetValue(key, out var wire) ? wire : null;

        /// <summary>True when two spellings name the same field or value (case, '_', '-' and ' ' ignored).</summary>
        public static bool SameName(string a, string b) => CanonicalNameComparer.Instance.Equals(a, b);

        public static readonly string[] InstanceStatuses = { "PENDING", "APPROVED", "REJECTED", "CANCELED", "DELETED", "HIDDEN", "TERMINATED" };
        public static readonly string[] TaskStatuses = { "PENDING", "APPROVED", "REJECTED", "TRANSFERRED", "DONE" };
        public static readonly string[] ReadStatuses = { "READ", "UNREAD" };
        public static readonly string[] DisplayMethods = { "BROWSER", "SIDEBAR", "NORMAL", "TRUSTEESHIP" };
        public static readonly string[] UpdateModes = { "REPLACE", "UPDATE" };
        public static readonly string[] GenerateTypes = { "EXTERNAL_CONSIGN", "DEFAULT" };
        public static readonly string[] FormPolicies = { "DISABLE", "IMMUTABLE", "BY_NODE", "BY_USER" };
        public static readonly string[] Locales =
            { "zh-CN", "en-US", "ja-JP", "zh-HK", "zh-TW", "de-DE", "es-ES", "fr-FR", "id-ID", "it-IT", "ko-KR", "pt-BR", "th-TH", "vi-VN", "ms-MY", "ru-RU" };

        private static FieldSpec Enum(string[] values) => new FieldSpec(FieldKind.Enum, values: values);

        public static readonly WireSchema Link = new WireSchema("links")
            .Add("pc_link", FieldKind.String, "pc", "pcurl")
            .Add("mobile_link", FieldKind.String, "mobile", "mobileurl");

        public static readonly WireSchema Form = new WireSchema("form")
            .Add("name", FieldKind.String)
            .Add("value", FieldKind.String);

        public static readonly WireSchema Text = new WireSchema("texts")
            .Add("key", FieldKind.String)
            .Add("value", FieldKind.String);

        public static readonly WireSchema I18n = new WireSchema("i18n_resources")
            .Add("locale", FieldKind.String)
            .Add("is_default", FieldKind.Bool, "default")
            .Add("texts", new FieldSpec(FieldKind.I18nTexts, Text));

        public static readonly WireSchema Action = new WireSchema("action_configs")
            .Add("action_type", FieldKind.String)
            .Add("action_name", FieldKind.String)
            .Add("is_need_reason", FieldKind.Bool)
            .Add("is_reason_required", FieldKind.Bool)
            .Add("is_need_attachment", FieldKind.Bool);

        public static readonly WireSchema Task = new WireSchema("task_list")
            .Add("task_id", FieldKind.String, "id")
            .Add("user_id", FieldKind.String)
            .Add("open_id", FieldKind.String)
            .Add("title", FieldKind.String)
            .Add("links", new FieldSpec(FieldKind.Object, Link), "link")
            .Add("status", Enum(TaskStatuses))
            .Add("extra", FieldKind.JsonText)
            .Add("create_time", FieldKind.Time)
            .Add("end_time", FieldKind.Time)
            .Add("update_time", FieldKind.Time)
            .Add("action_context", FieldKind.String)
            .Add("action_configs", new FieldSpec(FieldKind.Array, Action))
            .Add("display_method", Enum(DisplayMethods))
            .Add("exclude_statistics", FieldKind.Bool)
            .Add("node_id", FieldKind.String)
            .Add("node_name", FieldKind.String)
            .Add("generate_type", Enum(GenerateTypes));

        public static readonly WireSchema Cc = new WireSchema("cc_list")
            .Add("cc_id", FieldKind.String, "id")
            .Add("user_id", FieldKind.String)
            .Add("open_id", FieldKind.String)
            .Add("links", new FieldSpec(FieldKind.Object, Link), "link")
            .Add("read_status", Enum(ReadStatuses))
            .Add("extra", FieldKind.JsonText)
            .Add("title", FieldKind.String)
            .Add("create_time", FieldKind.Time)
            .Add("update_time", FieldKind.Time)
            .Add("display_method", Enum(DisplayMethods));

        public static readonly WireSchema TrusteeshipUrls = new WireSchema("trusteeship_urls")
            .Add("form_detail_url", FieldKind.String)
            .Add("action_definition_url", FieldKind.String)
            .Add("approval_node_url", FieldKind.String)
            .Add("action_callback_url", FieldKind.String)
            .Add("pull_business_data_url", FieldKind.String);

        public static readonly WireSchema TrusteeshipCache = new WireSchema("trusteeship_cache_config")
            .Add("form_policy", Enum(FormPolicies))
            .Add("form_vary_with_locale", FieldKind.Bool)
            .Add("form_version", FieldKind.String);

        public static readonly WireSchema Instance = new WireSchema("instance")
            .Add("approval_code", FieldKind.String)
            .Add("instance_id", FieldKind.String, "id")
            .Add("status", Enum(InstanceStatuses))
            .Add("extra", FieldKind.JsonText)
            .Add("links", new FieldSpec(FieldKind.Object, Link), "link")
            .Add("title", FieldKind.String)
            .Add("form", new FieldSpec(FieldKind.Array, Form))
            .Add("user_id", FieldKind.String)
            .Add("user_name", FieldKind.String)
            .Add("open_id", FieldKind.String)
            .Add("department_id", FieldKind.String)
            .Add("department_name", FieldKind.String)
            .Add("start_time", FieldKind.Time)
            .Add("end_time", FieldKind.Time)
            .Add("update_time", FieldKind.Time)
            .Add("display_method", Enum(DisplayMethods))
            .Add("update_mode", Enum(UpdateModes))
            .Add("task_list", new FieldSpec(FieldKind.Array, Task), "tasks")
            .Add("cc_list", new FieldSpec(FieldKind.Array, Cc), "ccs", "cc")
            .Add("i18n_resources", new FieldSpec(FieldKind.Array, I18n), "i18n")
            .Add("trusteeship_url_token", FieldKind.String)
            .Add("trusteeship_user_id_type", FieldKind.String)
            .Add("trusteeship_urls", new FieldSpec(FieldKind.Object, TrusteeshipUrls))
            .Add("trusteeship_cache_config", new FieldSpec(FieldKind.Object, TrusteeshipCache))
            .Add("resource_region", FieldKind.String);
    }
}
