using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ApprovalTools.Core.Raw
{
    /// <summary>The UTF-8 JSON body of a raw request: a JSON string checked as it is, or plain values written as JSON.</summary>
    public static class RawJsonBody
    {
        private const int MaxDepth = 64;

        /// <exception cref="ArgumentException">The string is not JSON, or the value nests deeper than 64 levels.</exception>
        public static byte[] Serialize(object body)
        {
            if (body is string json)
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                try
                {
                    using (JsonDocument.Parse(bytes)) { }
                }
                catch (JsonException ex)
                {
                    throw new ArgumentException($"-Body is a string but not JSON ({ex.Message}); pass a hashtable, an object or a JSON string.");
                }
                return bytes;
            }
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                Write(writer, body, 0);
            }
            return stream.ToArray();
        }

        /// <summary>A query value as text: booleans as true/false, numbers and dates invariant.</summary>
        public static string Text(object? value) => value switch
        {
            null => string.Empty,
            bool b => b ? "true" : "false",
            DateTime d => d.ToString("o", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("o", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };

        private static void Write(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > MaxDepth) throw new ArgumentException($"-Body nests deeper than {MaxDepth} levels.");
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case Enum e: writer.WriteStringValue(e.ToString()); break;
                case int or long or short or byte or sbyte or ushort or uint:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
                case ulong u: writer.WriteNumberValue(u); break;
                case decimal m: writer.WriteNumberValue(m); break;
                case double or float:
                    var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (double.IsNaN(d) || double.IsInfinity(d)) throw new ArgumentException("-Body holds a number that JSON cannot carry (NaN or infinity).");
                    writer.WriteNumberValue(d); break;
                case DateTime or DateTimeOffset: writer.WriteStringValue(Text(value)); break;
                case IDictionary map:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in map)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    break;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (var item in list) Write(writer, item, depth + 1);
                    writer.WriteEndArray();
                    break;
                default: writer.WriteStringValue(Text(value)); break;
            }
        }
    }
}
