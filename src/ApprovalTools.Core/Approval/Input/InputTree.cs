using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ApprovalTools.Core.Approval.Input
{
    /// <summary>
    /// How <see cref="WireWriter"/> reads the caller's dictionaries and lists in place instead of copying them into a
    /// neutral tree first (the usual hashtable or dictionary input), while reading exactly what
    /// <see cref="GenericValue.From"/> would: "raw" values are the caller's own, every other value is
    /// <see cref="GenericValue.From"/>'s output. A raw value that is not a dictionary or a list (a number, a date, a
    /// JsonElement, a typed model) is put through <see cref="GenericValue.From"/> where it is met, and a raw value the
    /// writer does not read (an unknown or refused field) is still put through it, so the same inputs end as
    /// "cannot be read" (a NaN, a getter that throws, nesting deeper than 16 levels).
    /// </summary>
    internal static class InputTree
    {
        public static bool IsDictionary(object? value) => value is IDictionary<string, object?> || value is IDictionary;

        private static bool IsContainer(object value) => IsDictionary(value) || value is IEnumerable && !(value is string) && !(value is JsonNode);

        /// <summary>A raw value that is not a container becomes <see cref="GenericValue.From"/>'s reading of it.</summary>
        public static void Settle(ref object? value, ref bool raw, int depth)
        {
            if (!raw || value == null || IsContainer(value)) return;
            value = GenericValue.From(value, depth);
            raw = false;
        }

        /// <summary>The fields of an object, or null when the value is not one.</summary>
        public static IEnumerable<KeyValuePair<string, object?>>? Pairs(object? value, bool raw)
        {
            if (!raw) return value as List<KeyValuePair<string, object?>>;
            if (value is IDictionary<string, object?> generic) return generic;
            return value is IDictionary map ? Entries(map) : null;
        }

        private static IEnumerable<KeyValuePair<string, object?>> Entries(IDictionary map)
        {
            foreach (DictionaryEntry entry in map)
            {
                yield return new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
            }
        }

        /// <summary>The items of a list, or null when the value is not one.</summary>
        public static IEnumerable? Items(object? value, bool raw)
        {
            if (!raw) return value as List<object?>;
            return value != null && IsContainer(value) && !IsDictionary(value) ? (IEnumerable)value : null;
        }

        /// <summary>Reads a raw value the writer skips, for the exceptions <see cref="GenericValue.From"/> would throw.</summary>
        public static void Touch(object? value, bool raw, int depth)
        {
            if (raw && value != null) GenericValue.From(value, depth);
        }
    }
}
