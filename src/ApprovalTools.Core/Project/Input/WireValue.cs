using System;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApprovalTools.Core.Project
{
    /// <summary>
    /// Any JSON-shaped .NET value (what a hashtable, ConvertFrom-Json or a typed object gives) as a JsonNode, without
    /// reflection-based serialization: strings, numbers, booleans, dates (Unix ms), dictionaries and lists.
    /// </summary>
    public static class WireValue
    {
        public static JsonNode? From(object? value)
        {
            switch (value)
            {
                case null: return null;
                case JsonNode node: return node.DeepClone();
                case JsonElement element: return JsonNode.Parse(element.GetRawText());
                case string s: return JsonValue.Create(s);
                case bool b: return JsonValue.Create(b);
                case char c: return JsonValue.Create(c.ToString());
                case DateTimeOffset dto: return JsonValue.Create(dto.ToUnixTimeMilliseconds());
                case DateTime dt: return JsonValue.Create(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Local) : dt).ToUnixTimeMilliseconds());
                case int i: return JsonValue.Create(i);
                case long l: return JsonValue.Create(l);
                case short sh: return JsonValue.Create(sh);
                case byte by: return JsonValue.Create(by);
                case uint ui: return JsonValue.Create(ui);
                case ulong ul: return JsonValue.Create(ul);
                case double d: return JsonValue.Create(d);
                case float f: return JsonValue.Create(f);
                case decimal m: return JsonValue.Create(m);
                case Enum e: return JsonValue.Create(e.ToString());
                case IDictionary dictionary:
                    var obj = new JsonObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        obj[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = From(entry.Value);
                    }
                    return obj;
                case IEnumerable list:
                    var array = new JsonArray();
                    foreach (var item in list) array.Add(From(item));
                    return array;
                default:
                    return JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }
    }
}
