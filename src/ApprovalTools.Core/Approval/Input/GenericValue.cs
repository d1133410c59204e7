using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Input
{
    /// <summary>
    /// Reduces any accepted input to a neutral tree: objects as ordered key/value lists, lists, strings, numbers,
    /// booleans and times. Accepts typed models, IDictionary (hashtables), IDictionary&lt;string, object?&gt;
    /// (what the cmdlet makes of a PSObject), lists, JSON text, JsonElement/JsonNode and, last, any CLR object's
    /// public properties.
    /// </summary>
    internal static class GenericValue
    {
        private const int MaxDepth = 16;

        // Its own method: a lambda capturing From's parameters would allocate their closure on every call of From,
        // and From is called for each leaf of every input.
        private static List<KeyValuePair<string, object?>> FromProperties(object value, int depth) =>
            value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .Select(p => new KeyValuePair<string, object?>(p.Name, From(p.GetValue(value), depth + 1)))
                .ToList();

        public static object? From(object? value, int depth = 0)
        {
            if (depth > MaxDepth) throw new InvalidDataException("the input is nested too deeply (more than 16 levels)");
            switch (value)
            {
                case null: return null;
                case UnreadableInput unreadable: throw new InvalidDataException(unreadable.Reason);
                case string s:
                    var trimmed = s.TrimStart();
                    if (depth == 0 && (trimmed.StartsWith("{", StringComparison.Ordinal)))
                    {
                        using var doc = JsonDocument.Parse(s);
                        return FromElement(doc.RootElement);
                    }
                    return s;
                case bool _: return value;
                case DateTimeOffset _: return value;
                case DateTime dt: return new DateTimeOffset(dt);
                case Enum e: return e.ToString();
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _:
                    return Convert.ToInt64(value, CultureInfo.InvariantCulture);
                case ulong u: return (decimal)u;
                case float _: case double _: case decimal _:
                    return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                case JsonElement element: return FromElement(element);
                case JsonNode node:
                    using (var doc = JsonDocument.Parse(node.ToJsonString())) return FromElement(doc.RootElement);
                case ExternalInstance m: return FromElement(JsonSerializer.SerializeToElement(m, ApprovalJsonContext.Default.ExternalInstance));
                case ExternalTask m: return FromElement(JsonSerializer.SerializeToElement(m, ApprovalJsonContext.Default.ExternalTask));
                case ExternalCc m: return FromElement(JsonSerializer.SerializeToElement(m, ApprovalJsonContext.Default.ExternalCc));
                case InstanceLink m: return FromElement(JsonSerializer.SerializeToElement(m, ApprovalJsonContext.Default.InstanceLink));
                case I18nResource m: return FromElement(JsonSerializer.SerializeToElement(m, ApprovalJsonContext.Default.I18nResource));
                case I18nText m: return FromElement(JsonSerializer.SerializeToElement(m, ApprovalJsonContext.Default.I18nText));
                case FormItem m: return FromElement(JsonSerializer.SerializeToElement(m, ApprovalJsonContext.Default.FormItem));
                case IDictionary<string, object?> generic:
                    var fields = new List<KeyValuePair<string, object?>>(generic.Count);
                    foreach (var p in generic) fields.Add(new KeyValuePair<string, object?>(p.Key, From(p.Value, depth + 1)));
                    return fields;
                case IDictionary map:
                    var pairs = new List<KeyValuePair<string, object?>>(map.Count);
                    foreach (DictionaryEntry entry in map)
                    {
                        pairs.Add(new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, From(entry.Value, depth + 1)));
                    }
                    return pairs;
                case IEnumerable list:
                    var items = new List<object?>(list is ICollection c ? c.Count : 4);
                    foreach (var item in list) items.Add(From(item, depth + 1));
                    return items;
                default:
                    return FromProperties(value, depth);
            }
        }

        private static object? FromElement(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    return element.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, FromElement(p.Value))).ToList();
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(FromElement).ToList();
                case JsonValueKind.String: return element.GetString();
                case JsonValueKind.Number:
                    return element.TryGetInt64(out var l) ? l : (object)element.GetDecimal();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                default: return null;
            }
        }

        /// <summary>Writes a neutral tree as compact JSON text (used when extra is given as a hashtable).</summary>
        public static string ToJsonText(object? value)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream)) Write(writer, value);
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private static void Write(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case long l: writer.WriteNumberValue(l); break;
                case decimal d: writer.WriteNumberValue(d); break;
                case DateTimeOffset t: writer.WriteStringValue(UnixMs.Format(t)); break;
                case List<KeyValuePair<string, object?>> pairs:
                    writer.WriteStartObject();
                    foreach (var p in pairs)
                    {
                        writer.WritePropertyName(p.Key);
                        Write(writer, p.Value);
                    }
                    writer.WriteEndObject();
                    break;
                case List<object?> items:
                    writer.WriteStartArray();
                    foreach (var item in items) Write(writer, item);
                    writer.WriteEndArray();
                    break;
                default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }
    }
}
