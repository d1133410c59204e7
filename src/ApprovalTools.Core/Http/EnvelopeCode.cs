using System;
using System.Text.Json;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// Reads an envelope's top-level result code with a forward-only reader, so a success is recognised without
    /// building a JSON document for every response.
    /// </summary>
    internal static class EnvelopeCode
    {
        /// <summary>
        /// True when <paramref name="body"/> is exactly one well-formed JSON object with one top-level member
        /// <paramref name="name"/> holding an integer (when repeated, the last one, as a parsed document reads it). Anything
        /// else (not JSON, trailing data, the member missing or not an integer) is false, and the caller judges the body
        /// the full way; so a body this reader refuses is never judged differently, only more slowly.
        /// </summary>
        public static bool TryRead(byte[] body, ReadOnlySpan<byte> name, out long value)
        {
            value = 0;
            if (body.Length == 0) return false;
            var found = false;
            try
            {
                var reader = new Utf8JsonReader(body);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var match = reader.ValueTextEquals(name);
                    reader.Read();
                    if (!match)
                    {
                        reader.Skip();
                        continue;
                    }
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out value)) return false;
                    found = true;
                }
                // The root object has ended; reading on throws on trailing data, as parsing a document does.
                return found && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
