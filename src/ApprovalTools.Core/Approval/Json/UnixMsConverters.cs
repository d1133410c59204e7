using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApprovalTools.Core.Approval.Json
{
    /// <summary>Feishu timestamps: a JSON string of Unix milliseconds ("1556468012678"). Numbers are read too.</summary>
    public sealed class UnixMsConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            UnixMs.ToTime(UnixMs.ReadMs(ref reader) ?? throw new JsonException("a Unix-millisecond timestamp is required"));

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(UnixMs.Format(value));
    }

    /// <summary>A timestamp where "0" means "not yet" (end_time of an unfinished instance, a task the server lacks).</summary>
    public sealed class UnixMsOrZeroConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var ms = UnixMs.ReadMs(ref reader);
            return ms == null || ms == 0 ? (DateTimeOffset?)null : UnixMs.ToTime(ms.Value);
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value == null ? "0" : UnixMs.Format(value.Value));
    }

    /// <summary>Unix-millisecond helpers shared by the converters, the input converter and the validator.</summary>
    public static class UnixMs
    {
        private static readonly DateTimeOffset Epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public static DateTimeOffset ToTime(long ms) => Epoch.AddMilliseconds(ms);

        public static long ToMs(DateTimeOffset time) => (long)(time.UtcDateTime - Epoch.UtcDateTime).TotalMilliseconds;

        public static string Format(DateTimeOffset time) => ToMs(time).ToString(CultureInfo.InvariantCulture);

        /// <summary>The last millisecond a <see cref="DateTimeOffset"/> can hold (9999-12-31); larger values are not times.</summary>
        public const long MaxMs = 253_402_300_799_999L;

        /// <summary>The smallest and largest 13-digit values: what Feishu means by a millisecond timestamp (2001 to 2286).</summary>
        public const long Min13Digits = 1_000_000_000_000L;
        public const long Max13Digits = 9_999_999_999_999L;

        /// <summary>True for a string of digits whose value a <see cref="DateTimeOffset"/> can hold (so <see cref="ToTime"/> never throws).</summary>
        public static bool TryParse(string? text, out long ms)
        {
            ms = 0;
            if (string.IsNullOrEmpty(text) || text!.Length > 16) return false;
            foreach (var c in text) if (c < '0' || c > '9') return false;
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ms) && ms <= MaxMs;
        }

        internal static long? ReadMs(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null: return null;
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var number) && number >= 0 && number <= MaxMs) return number;
                    throw new JsonException("a Unix-millisecond timestamp is out of range");
                case JsonTokenType.String:
                    var text = reader.GetString();
                    if (string.IsNullOrEmpty(text)) return null;
                    if (TryParse(text, out var ms)) return ms;
                    throw new JsonException($"'{text}' is not a Unix-millisecond timestamp");
                default: throw new JsonException("a Unix-millisecond timestamp must be a string of digits");
            }
        }
    }
}
