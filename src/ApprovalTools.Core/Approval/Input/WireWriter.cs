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

        /// <summary>
        /// Reads <paramref name="value"/> as an object of <paramref name="schema"/>: a neutral tree, or (<paramref name="raw"/>)
        /// the caller's own dictionaries and lists, read in place; any other value in them is put through
        /// <see cref="GenericValue.From"/> where it is met (see <see cref="InputTree"/>).
        /// </summary>
        public WireRecord? Object(object? value, WireSchema schema, bool raw) => Object(value, schema, raw, 0);

        private WireRecord? Object(object? value, WireSchema schema, bool raw, int depth)
        {
            InputTree.Settle(ref value, ref raw, depth);
            var pairs = InputTree.Pairs(value, raw);
            if (pairs == null)
            {
                _violations.Add(new FieldViolation(_path.IsRoot ? "instance" : _path.Shape(), "must be an object (a hashtable, a JSON object or an ExternalInstance)"));
                InputTree.Touch(value, raw, depth);
                return null;
            }
            var root = _path.IsRoot;
            var record = new WireRecord(schema);
            _json?.WriteStartObject();
            // The usual dictionary and list are enumerated by their own (struct) enumerators: no enumerator per object.
            if (pairs is Dictionary<string, object?> dictionary)
            {
                foreach (var pair in dictionary) Pair(pair, pairs, record, root, raw, depth);
            }
            else if (pairs is List<KeyValuePair<string, object?>> list)
            {
                foreach (var pair in list) Pair(pair, pairs, record, root, raw, depth);
            }
            else
            {
                foreach (var pair in pairs) Pair(pair, pairs, record, root, raw, depth);
            }
            if (root && _updateMode != null && !record.Has("update_mode")) _json?.WriteString("update_mode", _updateMode);
            _json?.WriteEndObject();
            return record;
        }

        private void Pair(KeyValuePair<string, object?> pair, IEnumerable<KeyValuePair<string, object?>> pairs, WireRecord record, bool root, bool raw, int depth)
        {
            if (pair.Value == null) return;
            var schema = record.Schema;
            var wire = schema.WireNameOf(pair.Key);
            if (wire == null)
            {
                if (!_ignoreUnknown)
                {
                    _path.PushName(pair.Key);
                    _violations.Add(new FieldViolation(_path.Shape(), "unknown field of " + schema.Name));
                    _path.Pop();
                }
                InputTree.Touch(pair.Value, raw, depth + 1);
                return;
            }
            var spec = schema.Fields[wire];
            var bit = 1UL << spec.Ordinal;
            _path.PushName(wire);
            if ((record.Given & bit) != 0)
            {
                _violations.Add(new FieldViolation(_path.Shape(), $"given twice (as '{FirstSpelling(pairs, schema, wire)}' and '{pair.Key}')"));
                InputTree.Touch(pair.Value, raw, depth + 1);
            }
            else
            {
                record.Given |= bit;
                var written = root && _updateMode != null && wire == "update_mode" ? _updateMode : null;
                var node = Field(pair.Value, spec, wire, written, raw, depth + 1);
                if (node != null) record.Set(spec.Ordinal, node);
            }
            _path.Pop();
        }

        private static string FirstSpelling(IEnumerable<KeyValuePair<string, object?>> pairs, WireSchema schema, string wire)
        {
            foreach (var p in pairs)
            {
                if (p.Value != null && schema.WireNameOf(p.Key) == wire) return p.Key;
            }
            return wire;
        }

        /// <summary>The field's normalized value (what its record slot holds), written under <paramref name="name"/>; null when refused.</summary>
        private object? Field(object? value, FieldSpec spec, string name, string? written, bool raw, int depth)
        {
            InputTree.Settle(ref value, ref raw, depth);
            switch (spec.Kind)
            {
                case FieldKind.String: return WriteText(name, Text(value, raw, depth));
                case FieldKind.Time: return WriteText(name, Time(value, raw, depth));
                case FieldKind.Enum:
                    var given = Enum(value, spec.Values!, raw, depth);
                    if (given != null) WriteText(name, written ?? given, checkedText: given);
                    return given;
                case FieldKind.JsonText:
                    return WriteText(name, value as string ?? GenericValue.ToJsonText(raw ? GenericValue.From(value, depth) : value));
                case FieldKind.Bool:
                    var b = Bool(value, raw, depth);
                    if (b == null) return null;
                    _json?.WriteBoolean(name, b.Value);
                    return b.Value ? True : False;
                case FieldKind.Object:
                    if (InputTree.Pairs(value, raw) != null) _json?.WritePropertyName(name);
                    return Object(value, spec.Items!, raw, depth);
                case FieldKind.Array: return Array(value, spec.Items!, name, raw, depth);
                case FieldKind.I18nTexts: return Texts(value, spec.Items!, name, raw, depth);
                default: return null;
            }
        }

        /// <summary>A value that is not the scalar asked for: the violation, and the value still read through (see <see cref="InputTree.Touch"/>).</summary>
        private void Refuse(object? value, bool raw, int depth, string rule)
        {
            _violations.Add(new FieldViolation(_path.Shape(), rule));
            InputTree.Touch(value, raw, depth);
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

        private string? Text(object? value, bool raw, int depth)
        {
            switch (value)
            {
                case string s: return s;
                case long l: return l.ToString(CultureInfo.InvariantCulture);
                case decimal d when d == decimal.Truncate(d): return decimal.Truncate(d).ToString(CultureInfo.InvariantCulture);
                default:
                    Refuse(value, raw, depth, "must be a string");
                    return null;
            }
        }

        private string? Time(object? value, bool raw, int depth)
        {
            switch (value)
            {
                // Kept as given; the validator tells a non-numeric string apart with the field's name.
                case string s: return s.Trim();
                case long l: return l.ToString(CultureInfo.InvariantCulture);
                case decimal d: return d.ToString(CultureInfo.InvariantCulture);
                case DateTimeOffset t: return UnixMs.Format(t);
                default:
                    Refuse(value, raw, depth, "must be a Unix-millisecond timestamp string such as \"1556468012678\"");
                    return null;
            }
        }

        private bool? Bool(object? value, bool raw, int depth)
        {
            if (value is bool b) return b;
            if (value is string s && bool.TryParse(s, out var parsed)) return parsed;
            Refuse(value, raw, depth, "must be true or false");
            return null;
        }

        private string? Enum(object? value, string[] values, bool raw, int depth)
        {
            if (!(value is string s))
            {
                Refuse(value, raw, depth, "must be one of " + string.Join(", ", values));
                return null;
            }
            foreach (var v in values)
            {
                if (WireSchema.SameName(v, s)) return v;
            }
            return s;
        }

        private List<WireRecord>? Array(object? value, WireSchema items, string name, bool raw, int depth)
        {
            var list = InputTree.Items(value, raw);
            var single = list == null && InputTree.Pairs(value, raw) != null;
            if (list == null && !single)
            {
                Refuse(value, raw, depth, "must be a list of objects");
                return null;
            }
            _json?.WritePropertyName(name);
            _json?.WriteStartArray();
            var result = new List<WireRecord>();
            if (single) Item(value, items, raw, depth, 0, result);
            else if (list is List<object?> neutral)
            {
                for (var i = 0; i < neutral.Count; i++) Item(neutral[i], items, raw, depth + 1, i, result);
            }
            else if (list is object?[] array)
            {
                for (var i = 0; i < array.Length; i++) Item(array[i], items, raw, depth + 1, i, result);
            }
            else
            {
                var i = 0;
                foreach (var element in list!) Item(element, items, raw, depth + 1, i++, result);
            }
            _json?.WriteEndArray();
            return result;
        }

        private void Item(object? element, WireSchema items, bool raw, int depth, int index, List<WireRecord> result)
        {
            _path.PushIndex(index, result.Count);
            var item = Object(element, items, raw, depth);
            _path.Pop();
            if (item != null) result.Add(item);
        }

        /// <summary>texts: a list of {key, value}, or a map key -> value (a hashtable is the natural PowerShell form).</summary>
        private List<WireRecord>? Texts(object? value, WireSchema items, string name, bool raw, int depth)
        {
            var pairs = InputTree.Pairs(value, raw);
            if (pairs == null || IsOneText(pairs)) return Array(value, items, name, raw, depth);
            _json?.WritePropertyName(name);
            _json?.WriteStartArray();
            var result = new List<WireRecord>();
            foreach (var p in pairs)
            {
                _path.PushKey(p.Key);
                object? given = p.Value ?? string.Empty;
                var givenRaw = raw;
                InputTree.Settle(ref given, ref givenRaw, depth + 1);
                var text = Text(given, givenRaw, depth + 1);
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

        private static bool IsOneText(IEnumerable<KeyValuePair<string, object?>> pairs)
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
