using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// The debug text of one request and one response: start line, headers and body (cut at <see cref="MaxBody"/>
    /// characters). Request headers show their value only when known to be harmless: any other header may carry a
    /// credential (a batch approval connection sends headers of the user's choosing). The caller still passes the
    /// text through the connection's Redactor.
    /// </summary>
    internal static class RequestLines
    {
        public const int MaxBody = 2000;

        private static readonly HashSet<string> PlainRequestHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Content-Type", "Content-Length", "Accept", "User-Agent", "X-IDEM-UUID", "X-USER-KEY",
        };

        public static string Describe(ServiceKind service, HttpRequestMessage message, byte[]? body)
        {
            var text = new StringBuilder().Append(service).Append(": > ").Append(message.Method).Append(' ').Append(message.RequestUri);
            foreach (var header in message.Headers) AppendHeader(text, header.Key, RequestHeader(header.Key, header.Value));
            if (message.Content != null)
            {
                foreach (var header in message.Content.Headers) AppendHeader(text, header.Key, RequestHeader(header.Key, header.Value));
            }
            return AppendBody(text, body).ToString();
        }

        public static string Describe(ServiceKind service, ApiResponse response)
        {
            var text = new StringBuilder().Append(service).Append(": < HTTP ").Append(response.Status);
            foreach (var header in response.Headers) AppendHeader(text, header.Key, header.Value);
            return AppendBody(text, response.Body).ToString();
        }

        private static string RequestHeader(string name, IEnumerable<string> values) =>
            PlainRequestHeaders.Contains(name) ? string.Join(",", values) : Redactor.Mask;

        private static void AppendHeader(StringBuilder text, string name, string value) =>
            text.Append("\n  ").Append(name).Append(": ").Append(name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase) ? Redactor.Mask : value);

        private static StringBuilder AppendBody(StringBuilder text, byte[]? body)
        {
            if (body == null || body.Length == 0) return text;
            var json = Encoding.UTF8.GetString(body);
            return text.Append("\n  body: ").Append(json.Length > MaxBody ? json.Substring(0, MaxBody) + "…" : json);
        }
    }
}
