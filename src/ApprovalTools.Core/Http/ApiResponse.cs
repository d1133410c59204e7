using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;

namespace ApprovalTools.Core.Http
{
    /// <summary>A response the service protocol accepted as a success (or, inside the transport, one being classified).</summary>
    public sealed class ApiResponse
    {
        private readonly HttpResponseMessage? _message;
        private IReadOnlyDictionary<string, string>? _headers;

        public ApiResponse(int status, byte[] body, IReadOnlyDictionary<string, string> headers)
        {
            Status = status;
            Body = body;
            _headers = headers;
        }

        /// <summary>
        /// A response whose headers stay in <paramref name="message"/> (they remain readable after it is disposed): a
        /// request reads one or two of them by name, so the dictionary of all is built only when something enumerates them.
        /// </summary>
        internal ApiResponse(int status, byte[] body, HttpResponseMessage message)
        {
            Status = status;
            Body = body;
            _message = message;
        }

        public int Status { get; }

        public byte[] Body { get; }

        /// <summary>Response headers; look names up case-insensitively (the transport's dictionary ignores case).</summary>
        public IReadOnlyDictionary<string, string> Headers => _headers ??= Collect(_message!);

        public string? Header(string name)
        {
            if (_message != null) return Lookup(_message, name);
            var headers = Headers;
            return headers.TryGetValue(name, out var v) || headers.TryGetValue(name.ToLowerInvariant(), out v) ? v : null;
        }

        public string? LogId => Header("x-tt-logid") ?? Header("x-request-id");

        /// <summary>Parses the body as a JSON document; null when the body is empty or not JSON.</summary>
        public JsonDocument? TryParseJson()
        {
            if (Body.Length == 0) return null;
            try { return JsonDocument.Parse(Body); }
            catch (JsonException) { return null; }
        }

        private static string? Lookup(HttpResponseMessage message, string name)
        {
            if (message.Headers.TryGetValues(name, out var values)) return Join(values);
            return message.Content != null && message.Content.Headers.TryGetValues(name, out values) ? Join(values) : null;
        }

        private static IReadOnlyDictionary<string, string> Collect(HttpResponseMessage message)
        {
            // Names are looked up case-insensitively, so they are kept as sent; a single value is taken as it is.
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in message.Headers) headers[h.Key] = Join(h.Value);
            if (message.Content != null)
            {
                foreach (var h in message.Content.Headers) headers[h.Key] = Join(h.Value);
            }
            return headers;
        }

        private static string Join(IEnumerable<string> values) =>
            values is IList<string> list && list.Count == 1 ? list[0] : string.Join(",", values);
    }
}
