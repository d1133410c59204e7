using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Json;

namespace ApprovalTools.Core.Approval.Input
{
    /// <summary>
    /// Maps a neutral tree (see <see cref="GenericValue"/>) onto the wire shape of a schema: keys renamed to wire
    /// names, times as millisecond strings, enums in wire spelling, single objects wrapped where a list is expected,
    /// extra given as a hashtable serialized to JSON text. Only shape problems are reported here; rules are
    /// <see cref="ExternalInstanceValidator"/>'s.
    /// </summary>
    internal sealed class WireNormalizer
    {
        private readonly bool _ignoreUnknown;
        private readonly List<FieldViolation> _violations;

        public WireNormalizer(bool ignoreUnknown, List<FieldViolation> violations)
        {
            _ignoreUnknown = ignoreUnknown;
            _violations = violations;
        }

        public JsonObject? Object(object? value, WireSchema schema, string path) => Object(value, schema, new FieldPath(path));

        private JsonObject? Object(object? value, WireSchema schema, FieldPath path)
        {
            if (!(value is List<KeyValuePair<string, object?>> pairs))
            {
                _violations.Add(new FieldViolation(path.IsRoot ? "instance" : path.ToString(), "must be an object (a hashtable, a JSON object or an ExternalInstance)"));
                return null;
            }
            var result = new JsonObject();
            HashSet<string>? refused = null;
            foreach (var pair in pairs)
            {
                if (pair.Value == null) continue;
                var wire = schema.WireNameOf(pair.Key);
                if (wire == null)
                {
                    if (!_ignoreUnknown) _violations.Add(new FieldViolation(path.Field(pair.Key).ToString(), "unknown field of " + schema.Name));
                    continue;
                }
                var fieldPath = path.Field(wire);
                if (result.ContainsKey(wire) || refused?.Contains(wire) == true)
                {
                    var first = pairs.First(p => p.Value != null && schema.WireNameOf(p.Key) == wire).Key;
                    _violations.Add(new FieldViolation(fieldPath.ToString(), $"given twice (as '{first}' and '{pair.Key}')"));
                    continue;
                }
                var node = Field(pair.Value, schema.Fields[wire], fieldPath);
                if (node != null) result[wire] = node;
                else (refused ??= new HashSet<string>(StringComparer.Ordinal)).Add(wire);
            }
            return result;
        }

        private JsonNode? Field(object value, FieldSpec spec, FieldPath path)
        {
            switch (spec.Kind)
            {
                case FieldKind.String: return Text(value, path);
                case FieldKind.Time: return Time(value, path);
                case FieldKind.Bool: return Bool(value, path);
                case FieldKind.Enum: return Enum(value, spec.Values!, path);
                case FieldKind.JsonText:
                    return value is string s ? JsonValue.Create(s) : (JsonNode)JsonValue.Create(GenericValue.ToJsonText(value))!;
                case FieldKind.Object: return Object(value, spec.Items!, path);
                case FieldKind.Array: return Array(value, spec.Items!, path);
                case FieldKind.I18nTexts: return Texts(value, spec.Items!, path);
                default: return null;
            }
        }

        private JsonNode? Text(object value, FieldPath path)
        {
            switch (value)
            {
                case string s: return JsonValue.Create(s);
                case long l: return JsonValue.Create(l.ToString(CultureInfo.InvariantCulture));
                case decimal d when d == decimal.Truncate(d): return JsonValue.Create(decimal.Truncate(d).ToString(CultureInfo.InvariantCulture));
                default:
                    _violations.Add(new FieldViolation(path.ToString(), "must be a string"));
                    return null;
            }
        }

        private JsonNode? Time(object value, FieldPath path)
        {
            switch (value)
            {
                // Kept as given; the validator tells a non-numeric string apart with the field's name.
                case string s: return JsonValue.Create(s.Trim());
                case long l: return JsonValue.Create(l.ToString(CultureInfo.InvariantCulture));
                case decimal d: return JsonValue.Create(d.ToString(CultureInfo.InvariantCulture));
                case DateTimeOffset t: return JsonValue.Create(UnixMs.Format(t));
                default:
                    _violations.Add(new FieldViolation(path.ToString(), "must be a Unix-millisecond timestamp string such as \"1556468012678\""));
                    return null;
            }
        }

        private JsonNode? Bool(object value, FieldPath path)
        {
            if (value is bool b) return JsonValue.Create(b);
            if (value is string s && bool.TryParse(s, out var parsed)) return JsonValue.Create(parsed);
            _violations.Add(new FieldViolation(path.ToString(), "must be true or false"));
            return null;
        }

        private JsonNode? Enum(object value, string[] values, FieldPath path)
        {
            if (!(value is string s))
            {
                _violations.Add(new FieldViolation(path.ToString(), "must be one of " + string.Join(", ", values)));
                return null;
            }
            foreach (var v in values)
            {
                if (WireSchema.SameName(v, s)) return JsonValue.Create(v);
            }
            return JsonValue.Create(s);
        }

        private JsonNode? Array(object value, WireSchema items, FieldPath path)
        {
            var list = value as List<object?> ?? (value is List<KeyValuePair<string, object?>> ? new List<object?> { value } : null);
            if (list == null)
            {
                _violations.Add(new FieldViolation(path.ToString(), "must be a list of objects"));
                return null;
            }
            var result = new JsonArray();
            for (var i = 0; i < list.Count; i++)
            {
                var item = Object(list[i], items, path.Index(i));
                if (item != null) result.Add(item);
            }
            return result;
        }

        /// <summary>texts: a list of {key, value}, or a map key -> value (a hashtable is the natural PowerShell form).</summary>
        private JsonNode? Texts(object value, WireSchema items, FieldPath path)
        {
            if (value is List<KeyValuePair<string, object?>> pairs
                && !pairs.All(p => WireSchema.SameName(p.Key, "key") || WireSchema.SameName(p.Key, "value")))
            {
                var result = new JsonArray();
                foreach (var p in pairs)
                {
                    var text = Text(p.Value ?? string.Empty, path.Key(p.Key));
                    if (text != null) result.Add(new JsonObject { ["key"] = p.Key, ["value"] = text });
                }
                return result;
            }
            return Array(value, items, path);
        }

        /// <summary>
        /// Where a value sits ("task_list[0].links.pc_link"), kept as a chain and spelled out only for a violation: most
        /// items have none, and building the text of every field's path cost more than the rest of the normalizing.
        /// </summary>
        private sealed class FieldPath
        {
            private readonly FieldPath? _parent;
            private readonly string _segment;

            public FieldPath(string root) => _segment = root;

            private FieldPath(FieldPath parent, string segment)
            {
                _parent = parent;
                _segment = segment;
            }

            public bool IsRoot => _parent == null && _segment.Length == 0;

            public FieldPath Field(string name) => new FieldPath(this, name);

            public FieldPath Index(int i) => new FieldPath(this, "[" + i.ToString(CultureInfo.InvariantCulture) + "]");

            public FieldPath Key(string key) => new FieldPath(this, "['" + key + "']");

            public override string ToString()
            {
                if (_parent == null) return _segment;
                var parent = _parent.ToString();
                if (parent.Length == 0) return _segment;
                return _segment.StartsWith("[", StringComparison.Ordinal) ? parent + _segment : parent + "." + _segment;
            }
        }
    }
}
