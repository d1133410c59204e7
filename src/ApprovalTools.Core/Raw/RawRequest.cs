using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Raw
{
    /// <summary>
    /// One request of Invoke-ApprovalToolsRequest: a method, a path relative to the connection's base URI, an optional
    /// query and an optional JSON body. <see cref="ToApiRequest"/> refuses anything that could leave the base URI or
    /// change which endpoint is called, before anything is sent.
    /// </summary>
    public sealed class RawRequest
    {
        public static readonly IReadOnlyList<string> Methods = new[] { "GET", "POST", "PUT", "PATCH", "DELETE" };

        public RawRequest(string method, string path)
        {
            Method = (method ?? string.Empty).Trim().ToUpperInvariant();
            Path = path ?? string.Empty;
        }

        public string Method { get; }

        /// <summary>As given, e.g. "/open-apis/approval/v4/external_instances/check".</summary>
        public string Path { get; }

        /// <summary>Name/value pairs, escaped here; a value that is a list adds the name once per item.</summary>
        public IList<KeyValuePair<string, object?>> Query { get; } = new List<KeyValuePair<string, object?>>();

        /// <summary>A JSON string, or plain values (dictionaries, lists, strings, numbers, booleans) to serialize.</summary>
        public object? Body { get; set; }

        public bool Changes => Method != "GET";

        /// <summary>"POST open-apis/approval/v4/external_instances/check".</summary>
        public override string ToString() => Method + " " + Path.Trim().TrimStart('/');

        /// <summary>The request to send to <paramref name="service"/>, in the rate-limit bucket of its API (<see cref="RawEndpoints"/>).</summary>
        /// <exception cref="ArgumentException">A method, path, query or body against the rules; the message names the parameter.</exception>
        public ApiRequest ToApiRequest(ServiceKind service)
        {
            if (!Methods.Contains(Method)) throw new ArgumentException($"-Method '{ApiPath.Shorten(Method)}' is not one of {string.Join(", ", Methods)}.");
            var segments = Segments(Path);
            var path = string.Join("/", segments.Select(Uri.EscapeDataString));
            return new ApiRequest(new HttpMethod(Method), path + QueryString(), RawEndpoints.For(service, Method, segments))
            {
                Body = Body == null ? null : RawJsonBody.Serialize(Body),
                // POST and PATCH are not idempotent: like a batch submit, they are sent again only when the server provably did not act.
                Retry = Method == "POST" || Method == "PATCH" ? RetryScope.OnlyIfNotProcessed : RetryScope.Always,
            };
        }

        /// <summary>The path's segments, its leading '/' dropped and each checked (<see cref="ApiPath.Problem"/>); not yet escaped.</summary>
        private static string[] Segments(string path)
        {
            var trimmed = path.Trim();
            if (trimmed.Length == 0) throw new ArgumentException("-Path is required: the endpoint path relative to the connection's base URI, e.g. /open-apis/approval/v4/external_instances/check.");
            if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.IndexOf(':') >= 0)
            {
                throw new ArgumentException($"-Path '{ApiPath.Shorten(trimmed)}' must be relative to the connection's base URI (no scheme, host or ':'); pass the part after the host, e.g. /open-apis/approval/v4/external_instances/check.");
            }
            var segments = trimmed.TrimStart('/').Split('/');
            foreach (var segment in segments)
            {
                var rule = segment.Length == 0 ? "it has an empty segment ('//' or a trailing '/')" : ApiPath.Problem(segment);
                if (rule != null)
                {
                    var hint = segment.IndexOf('?') >= 0 ? " Pass query parameters with -Query." : string.Empty;
                    throw new ArgumentException($"-Path '{ApiPath.Shorten(trimmed)}' cannot be sent: segment '{ApiPath.Shorten(segment)}' breaks a rule: {rule}.{hint}");
                }
            }
            return segments;
        }

        private string QueryString()
        {
            var text = new StringBuilder();
            foreach (var pair in Query)
            {
                if (string.IsNullOrWhiteSpace(pair.Key)) throw new ArgumentException("-Query has an empty name.");
                var values = pair.Value is System.Collections.IEnumerable list && !(pair.Value is string) ? list.Cast<object?>() : new[] { pair.Value };
                foreach (var value in values)
                {
                    text.Append(text.Length == 0 ? '?' : '&')
                        .Append(Uri.EscapeDataString(pair.Key)).Append('=')
                        .Append(Uri.EscapeDataString(RawJsonBody.Text(value)));
                }
            }
            return text.ToString();
        }
    }
}
