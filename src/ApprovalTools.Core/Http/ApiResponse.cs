using System.Collections.Generic;
using System.Text.Json;

namespace ApprovalTools.Core.Http
{
    /// <summary>A response the service protocol accepted as a success (or, inside the transport, one being classified).</summary>
    public sealed class ApiResponse
    {
        public ApiResponse(int status, byte[] body, IReadOnlyDictionary<string, string> headers)
        {
            Status = status;
            Body = body;
            Headers = headers;
        }

        public int Status { get; }

        public byte[] Body { get; }

        /// <summary>Response headers; look names up case-insensitively (the transport's dictionary ignores case).</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        public string? Header(string name) =>
            Headers.TryGetValue(name, out var v) || Headers.TryGetValue(name.ToLowerInvariant(), out v) ? v : null;

        public string? LogId => Header("x-tt-logid") ?? Header("x-request-id");

        /// <summary>Parses the body as a JSON document; null when the body is empty or not JSON.</summary>
        public JsonDocument? TryParseJson()
        {
            if (Body.Length == 0) return null;
            try { return JsonDocument.Parse(Body); }
            catch (JsonException) { return null; }
        }
    }
}
