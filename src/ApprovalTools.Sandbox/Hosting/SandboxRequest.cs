using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApprovalTools.Sandbox.Hosting
{
    /// <summary>A request as the sandbox received it; kept in the journal so tests can see what was sent.</summary>
    public sealed class SandboxRequest
    {
        public SandboxRequest(string method, string path, IReadOnlyDictionary<string, string> query,
            IReadOnlyDictionary<string, string> headers, byte[] body, string? rawPath = null)
        {
            Method = method;
            Path = path;
            RawPath = rawPath ?? path;
            Query = query;
            Headers = headers;
            Body = body;
            ReceivedAt = DateTimeOffset.UtcNow;
        }

        public string Method { get; }

        /// <summary>Absolute path, without query.</summary>
        public string Path { get; }

        /// <summary>The path exactly as it arrived on the wire (escapes and any dot segments intact), without query.</summary>
        public string RawPath { get; }

        public IReadOnlyDictionary<string, string> Query { get; }

        /// <summary>Header names are case-insensitive.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        public byte[] Body { get; }

        public DateTimeOffset ReceivedAt { get; }

        public string BodyText => Encoding.UTF8.GetString(Body);

        public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

        public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;

        /// <summary>The body as JSON, or null when it is empty or not JSON.</summary>
        public JsonNode? Json()
        {
            if (Body.Length == 0) return null;
            try { return JsonNode.Parse(Body); }
            catch (JsonException) { return null; }
        }

        public bool Is(string method, string path) =>
            string.Equals(Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(Path, path, StringComparison.Ordinal);
    }
}
