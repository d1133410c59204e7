using System;
using System.Collections.Generic;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// One API as the server counts it for rate limits: a method and a path relative to the base URI whose ":name"
    /// segments stand for any id, with the <see cref="ApiRequest.Endpoint"/> key the module's own calls use.
    /// </summary>
    public sealed class EndpointTemplate
    {
        private readonly string[] _segments;

        public EndpointTemplate(string method, string path, string endpoint)
        {
            Method = method;
            Path = path;
            Endpoint = endpoint;
            _segments = path.Split('/');
        }

        public string Method { get; }

        /// <summary>E.g. "open_api/:project_key/workflow/:work_item_type_key/:work_item_id/node/:node_id".</summary>
        public string Path { get; }

        /// <summary>The rate-limit key, e.g. "PUT workflow/node".</summary>
        public string Endpoint { get; }

        /// <summary>Whether <paramref name="method"/> and the unescaped <paramref name="segments"/> of a path are this API.</summary>
        public bool Matches(string method, IReadOnlyList<string> segments)
        {
            if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase) || segments.Count != _segments.Length) return false;
            for (var i = 0; i < _segments.Length; i++)
            {
                var isId = _segments[i].StartsWith(":", StringComparison.Ordinal);
                if (isId ? segments[i].Length == 0 : !string.Equals(segments[i], _segments[i], StringComparison.Ordinal)) return false;
            }
            return true;
        }
    }
}
