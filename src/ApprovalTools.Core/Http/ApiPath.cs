using System;
using System.Text;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// Builds request paths from a template and values that came from input: every value is one escaped path segment,
    /// and a value that could change the path's shape once normalised (empty, "." or "..") is refused with an error
    /// naming the parameter, before anything is sent.
    /// </summary>
    public static class ApiPath
    {
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
            if (trimmed == "." || trimmed == "..")
                throw new ArgumentException($"{name} '{trimmed}' cannot be used in the request path: a dot segment would change which endpoint is called.");
            return Uri.EscapeDataString(trimmed);
        }
    }
}
