using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// One API as the server counts it for rate limits: a method and a path relative to the base URI whose ":name"
    /// segments stand for any id, with the <see cref="ApiRequest.Endpoint"/> key the module's own calls use. The
    /// module's calls build their paths from it (<see cref="PathFor"/>, <see cref="Request"/>), so the path sent and the path a raw request
    /// is matched against are one text.
    /// </summary>
    public sealed class EndpointTemplate
    {
        private readonly string[] _segments;

        /// <summary>Per segment: the id's name for a ":name" segment, null for a literal one.</summary>
        private readonly string?[] _idNames;

        private readonly HttpMethod _httpMethod;

        public EndpointTemplate(string method, string path, string endpoint)
        {
            Method = method;
            Path = path;
            Endpoint = endpoint;
            _httpMethod = new HttpMethod(method);
            _segments = path.Split('/');
            _idNames = Array.ConvertAll(_segments, s => s.StartsWith(":", StringComparison.Ordinal) ? s.Substring(1) : null);
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
                if (_idNames[i] != null ? segments[i].Length == 0 : !string.Equals(segments[i], _segments[i], StringComparison.Ordinal)) return false;
            }
            return true;
        }

        /// <summary>
        /// This API's path with its ":name" segments filled, in order, from <paramref name="ids"/>, each trimmed and escaped;
        /// <see cref="ApiPath.Segment"/> throws <see cref="ArgumentException"/> naming the segment for a value that cannot
        /// be one.
        /// </summary>
        public string PathFor(params string?[] ids)
        {
            var path = new StringBuilder();
            var next = 0;
            for (var i = 0; i < _segments.Length; i++)
            {
                if (i > 0) path.Append('/');
                if (_idNames[i] == null)
                {
                    path.Append(_segments[i]);
                    continue;
                }
                if (next == ids.Length) throw new InvalidOperationException($"{Endpoint}: {Path} needs more than {ids.Length} ids.");
                path.Append(ApiPath.Segment(_idNames[i]!, ids[next++]));
            }
            if (next != ids.Length) throw new InvalidOperationException($"{Endpoint}: {Path} takes {next} ids, not {ids.Length}.");
            return path.ToString();
        }

        /// <summary>A request to this API (method, <see cref="PathFor"/>, rate-limit key).</summary>
        public ApiRequest Request(params string?[] ids) => new ApiRequest(_httpMethod, PathFor(ids), Endpoint);
    }
}
