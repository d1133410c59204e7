using System;
using System.Linq;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// The rules for an id that came from input and goes into a request path (<see cref="EndpointTemplate.PathFor"/>):
    /// every value is one escaped path segment, and a value that could change the path (empty, "." or "..", a separator, an escape, a control character) is
    /// refused with an error naming the parameter, before anything is sent.
    /// </summary>
    public static class ApiPath
    {
        /// <summary>
        /// No limit is documented for project keys, type keys or node ids; 256 characters is a conservative bound far
        /// above real ids, so an accidental paste (a whole file, a JSON object) is refused before it is sent.
        /// </summary>
        public const int MaxSegmentLength = 256;

        private static readonly char[] Separators = { '/', '\\', '?', '#', '%' };

        /// <summary>One escaped path segment; throws <see cref="ArgumentException"/> naming <paramref name="name"/> when it cannot be one.</summary>
        public static string Segment(string name, string? value)
        {
            var trimmed = value?.Trim();
            if (string.IsNullOrEmpty(trimmed)) throw new ArgumentException($"{name} is required: it is part of the request path.");
            if (Problem(trimmed!) is { } rule) throw new ArgumentException($"{name} '{Shorten(trimmed!)}' cannot be used in the request path: {rule}.");
            return Uri.EscapeDataString(trimmed!);
        }

        /// <summary>Null when a trimmed, non-empty <paramref name="value"/> can be one path segment; otherwise the rule it breaks.</summary>
        public static string? Problem(string value)
        {
            if (value == "." || value == "..") return "a dot segment would change which endpoint is called";
            if (value.IndexOfAny(Separators) >= 0) return "it contains '/', '\\', '?', '#' or '%', which would change the request path";
            if (value.Any(char.IsControl)) return "it contains a control character";
            if (value.Length > MaxSegmentLength) return $"it is {value.Length} characters long (at most {MaxSegmentLength})";
            return null;
        }

        /// <summary>A value quoted in a message: at most 40 characters.</summary>
        public static string Shorten(string value) => value.Length <= 40 ? value : value.Substring(0, 40) + "…";
    }
}
