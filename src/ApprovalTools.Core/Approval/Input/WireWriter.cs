using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Validation;

namespace ApprovalTools.Core.Approval.Input
{
    /// <summary>
    /// Maps a neutral tree (see <see cref="GenericValue"/>) onto the wire shape of a schema in one pass: keys renamed to
    /// wire names, times as millisecond strings, enums in wire spelling, single objects wrapped where a list is
    /// expected, extra given as a hashtable serialized to JSON text. As it reads, it writes the wire JSON (when given a
    /// writer: the request body) and keeps a <see cref="WireRecord"/> of each object for the rules that span fields
    /// (<see cref="ExternalInstanceValidator"/>'s). Reported here: shape problems, in input order, and (with a writer)
    /// texts longer than their limit, in body order, kept apart in <see cref="SizeViolations"/> because they are
    /// listed after the validator's rules.
    /// </summary>
    internal sealed class WireWriter
    {
        private static readonly object True = true;
        private static readonly object False = false;

        private readonly List<FieldViolation> _violations;
        private readonly bool _ignoreUnknown;
        private readonly Utf8JsonWriter? _json;
        private readonly string? _updateMode;
        private readonly FieldPath _path = new FieldPath();

        /// <param name="violations">Receives the shape problems.</param>
        /// <param name="ignoreUnknown">Skip unknown fields instead of reporting them (the check call reads only a few fields).</param>
        /// <param name="json">Where the wire JSON goes; with one, text lengths are checked too.</param>
        /// <param name="updateMode">Written as the root's update_mode, where the input has one or else last.</param>
        public WireWriter(List<FieldViolation> violations, bool ignoreUnknown, Utf8JsonWriter? json = null, string? updateMode = null)
        {
            _violations = violations;
            _ignoreUnknown = ignoreUnknown;
            _json = json;
            _updateMode = updateMode;
        }

        public List<FieldViolation> SizeViolations { get; } = new List<FieldViolation>();

        public WireRecord? Object(object? value, WireSchema schema)
        {
            if (!(value is List<KeyValuePair<string, object?>> pairs))
            {
                _violations.Add(new FieldViolation(_path.IsRoot ? "instance" : _path.Shape(), "must be an object (a hashtable, a JSON object or an ExternalInstance)"));
                return null;
            }
            var root = _path.IsRoot;
            var record = new WireRecord(schema);
            _json?.WriteStartObject();
            foreach (var pair in pairs)
            {
                if (pair.Value == null) continue;
                var wire = schema.WireNameOf(pair.Key);
                if (wire == null)
                {
                    if (!_ignoreUnknown)
                    {
                        _path.PushName(pair.Key);
                        _violations.Add(new FieldViolation(_path.Shape(), "unknown field of " + schema.Name));
                        _path.Pop();
                    }
                    continue;
                }
                var spec = schema.Fields[wire];
                var bit = 1UL << spec.Ordinal;
                _path.PushName(wire);
                if ((record.Given & bit) != 0)
                {
                    _violations.Add(new FieldViolation(_path.Shape(), $"given twice (as '{FirstSpelling(pairs, schema, wire)}' and '{pair.Key}')"));
                }
                else
                {
                    record.Given |= bit;
                    var written = root && _updateMode != null && wire == "update_mode" ? _updateMode : null;
                    var node = Field(pair.Value, spec, wire, written);
                    if (node != null) record.Set(spec.Ordinal, node);
                }
                _path.Pop();
            }
            if (root && _updateMode != null && !record.Has("update_mode")) _json?.WriteString("update_mode", _updateMode);
            _json?.WriteEndObject();
            return record;
        }

        private static string FirstSpelling(List<KeyValuePair<string, object?>> pairs, WireSchema schema, string wire)
        {
            foreach (var p in pairs)
            {
                if (p.Value != null && schema.WireNameOf(p.Key) == wire) return p.Key;
            }
            return wire;
        }

        /// <summary>The field's normalized value (what its record slot holds), written under <paramref name="name"/>; null when refused.</summary>
        private object? Field(object value, FieldSpec spec, string name, string? written)
        {
            switch (spec.Kind)
            {
                case FieldKind.String: return WriteText(name, Text(value));
                case FieldKind.Time: return WriteText(name, Time(value));
                case FieldKind.Enum:
                    var given = Enum(value, spec.Values!);
                    if (given != null) WriteText(name, written ?? given, checkedText: given);
                    return given;
                case FieldKind.JsonText: return WriteText(name, value as string ?? GenericValue.ToJsonText(value));
                case FieldKind.Bool:
                    var b = Bool(value);
                    if (b == null) return null;
                    _json?.WriteBoolean(name, b.Value);
                    return b.Value ? True : False;
                case FieldKind.Object:
                    if (value is List<KeyValuePair<string, object?>>) _json?.WritePropertyName(name);
                    return Object(value, spec.Items!);
                case FieldKind.Array: return Array(value, spec.Items!, name);
                case FieldKind.I18nTexts: return Texts(value, spec.Items!, name);
                default: return null;
            }
        }

        private string? WriteText(string name, string? text, string? checkedText = null)
        {
            if (text == null) return null;
            _json?.WriteString(name, text);
            CheckSize(checkedText ?? text, name == "extra");
            return text;
        }

        /// <summary>Every text is held to its limit (see <see cref="ExternalInstanceValidator.MaxTextLength"/>), extra to its own.</summary>
        private void CheckSize(string text, bool isExtra)
        {
            if (_json == null) return;
            var limit = isExtra ? ExternalInstanceValidator.MaxExtraLength : ExternalInstanceValidator.MaxTextLength;
            if (text.Length > limit) SizeViolations.Add(new FieldViolation(_path.Wire(), $"is {text.Length} characters long; at most {limit} are sent"));
        }

        private string? Text(object value)
        {
            switch (value)
            {
                case string s: return s;
                case long l: return l.ToString(CultureInfo.InvariantCulture);
                case decimal d when d == decimal.Truncate(d): return decimal.Truncate(d).ToString(CultureInfo.InvariantCulture);
                default:
                    _violations.Add(new FieldViolation(_path.Shape(), "must be a string"));
                    return null;
            }
        }

        private string? Time(object value)
        {
            switch (value)
            {
                // Kept as given; the validator tells a non-numeric string apart with the field's name.
                case string s: return s.Trim();
                case long l: return l.ToString(CultureInfo.InvariantCulture);
                case decimal d: return d.ToString(CultureInfo.InvariantCulture);
                case DateTimeOffset t: return UnixMs.Format(t);
                default:
                    _violations.Add(new FieldViolation(_path.Shape(), "must be a Unix-millisecond timestamp string such as \"1556468012678\""));
                    return null;
            }
        }

        private bool? Bool(object value)
        {
            if (value is bool b) return b;
            if (value is string s && bool.TryParse(s, out var parsed)) return parsed;
            _violations.Add(new FieldViolation(_path.Shape(), "must be true or false"));
            return null;
        }

        private string? Enum(object value, string[] values)
        {
            if (!(value is string s))
            {
                _violations.Add(new FieldViolation(_path.Shape(), "must be one of " + string.Join(", ", values)));
                return null;
            }
            foreach (var v in values)
            {
                if (WireSchema.SameName(v, s)) return v;
            }
            return s;
        }

        private List<WireRecord>? Array(object value, WireSchema items, string name)
        {
            var list = value as List<object?>;
            var single = list == null && value is List<KeyValuePair<string, object?>>;
            if (list == null && !single)
            {
                _violations.Add(new FieldViolation(_path.Shape(), "must be a list of objects"));
                return null;
            }
            _json?.WritePropertyName(name);
            _json?.WriteStartArray();
            var count = list?.Count ?? 1;
            var result = new List<WireRecord>(count);
            for (var i = 0; i < count; i++)
            {
                _path.PushIndex(i, result.Count);
                var item = Object(list == null ? value : list[i], items);
                _path.Pop();
                if (item != null) result.Add(item);
            }
            _json?.WriteEndArray();
            return result;
        }

        /// <summary>texts: a list of {key, value}, or a map key -> value (a hashtable is the natural PowerShell form).</summary>
        private List<WireRecord>? Texts(object value, WireSchema items, string name)
        {
            if (!(value is List<KeyValuePair<string, object?>> pairs) || IsOneText(pairs)) return Array(value, items, name);
            _json?.WritePropertyName(name);
            _json?.WriteStartArray();
            var result = new List<WireRecord>(pairs.Count);
            foreach (var p in pairs)
            {
                _path.PushKey(p.Key);
                var text = Text(p.Value ?? string.Empty);
                _path.Pop();
                if (text == null) continue;
                var record = new WireRecord(items);
                record.Set(items.OrdinalOf("key"), p.Key);
                record.Set(items.OrdinalOf("value"), text);
                _path.PushIndex(result.Count, result.Count);
                _json?.WriteStartObject();
                _path.PushName("key");
                WriteText("key", p.Key);
                _path.Pop();
                _path.PushName("value");
                WriteText("value", text);
                _path.Pop();
                _json?.WriteEndObject();
                _path.Pop();
                result.Add(record);
            }
            _json?.WriteEndArray();
            return result;
        }

        private static bool IsOneText(List<KeyValuePair<string, object?>> pairs)
        {
            foreach (var p in pairs)
            {
                if (!WireSchema.SameName(p.Key, "key") && !WireSchema.SameName(p.Key, "value")) return false;
            }
            return true;
        }

        /// <summary>
        /// Where the writer is ("task_list[0].links.pc_link"), kept as a stack and spelled out only for a violation: most
        /// items have none. Two spellings: as the input has it (list positions as given, for shape problems) and as the
        /// body has it (positions among the items kept, for text lengths).
        /// </summary>
        private sealed class FieldPath
        {
            private Segment[] _segments = new Segment[8];
            private int _count;

            private struct Segment
            {
                public string? Name;
                public string? Key;
                public int Index;
                public int WireIndex;
            }

            public bool IsRoot => _count == 0;

            public void PushName(string name) => Push(new Segment { Name = name });

            public void PushIndex(int index, int wireIndex) => Push(new Segment { Index = index, WireIndex = wireIndex });

            public void PushKey(string key) => Push(new Segment { Key = key });

            public void Pop() => _count--;

            private void Push(Segment segment)
            {
                if (_count == _segments.Length) System.Array.Resize(ref _segments, _count * 2);
                _segments[_count++] = segment;
            }

            public string Shape() => Spell(wire: false);

            public string Wire() => Spell(wire: true);

            private string Spell(bool wire)
            {
                var text = new System.Text.StringBuilder();
                for (var i = 0; i < _count; i++)
                {
                    var s = _segments[i];
                    if (s.Name != null)
                    {
                        if (text.Length > 0) text.Append('.');
                        text.Append(s.Name);
                    }
                    else if (s.Key != null) text.Append("['").Append(s.Key).Append("']");
                    else text.Append('[').Append((wire ? s.WireIndex : s.Index).ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                return text.ToString();
            }
        }
    }
}
