using System;
using System.Linq;
using System.Text;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// Builds request paths from a template and values that came from input: every value is one escaped path segment,
    /// and a value that could change the path (empty, "." or "..", a separator, an escape, a control character) is
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

        /// <summary>
        /// Joins literal parts and (name, value) segments: <c>ApiPath.Build("open_api", ("project_key", key), "workflow")</c>.
        /// Literal parts are trusted text; tuple values are escaped.
        /// </summary>
        public static string Build(params object[] parts)
        {
            var path = new StringBuilder();
            foreach (var part in parts)
            {
                if (path.Length > 0) path.Append('/');
                path.Append(part switch
                {
                    string literal => literal,
                    ValueTuple<string, string?> segment => Segment(segment.Item1, segment.Item2),
                    _ => throw new ArgumentException("A path part is a literal string or a (name, value) pair.", nameof(parts)),
                });
            }
            return path.ToString();
        }

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
