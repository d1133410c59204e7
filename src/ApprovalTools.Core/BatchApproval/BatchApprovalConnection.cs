using System;
using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.BatchApproval
{
    /// <summary>
    /// A connection to one batch approval server. Neither the host nor the authentication of that API is
    /// documented, so both come from the user: a base URI, a bearer token and/or custom headers. Secrets are
    /// held as <see cref="Secret"/>: no property, ToString or message shows them.
    /// </summary>
    public sealed class BatchApprovalConnection : IDisposable
    {
        private readonly Secret? _token;
        private readonly IReadOnlyList<KeyValuePair<string, Secret>> _headers;
        private readonly Lazy<ApiTransport> _transport;
        private readonly Lazy<BatchApprovalClient> _client;

        private BatchApprovalConnection(Uri baseUri, Secret? token, IReadOnlyList<KeyValuePair<string, Secret>> headers, bool isSandbox,
            ResilienceSettings settings)
        {
            BaseUri = baseUri;
            _token = token;
            _headers = headers;
            IsSandbox = isSandbox;
            Settings = settings;
            var redactor = new Redactor();
            redactor.Add(token?.Reveal());
            foreach (var header in headers) redactor.Add(header.Value.Reveal());
            _transport = new Lazy<ApiTransport>(() => new ApiTransport(BaseUri, new BatchApprovalProtocol(_token, _headers), Settings, redactor));
            _client = new Lazy<BatchApprovalClient>(() => new BatchApprovalClient(_transport.Value));
        }

        /// <summary>Always ends with '/', so a path prefix in it (https://host/api/) is kept.</summary>
        public Uri BaseUri { get; }

        public bool IsSandbox { get; }

        /// <summary>"Bearer", "Header", "Bearer+Header" or "None".</summary>
        public string Authentication =>
            _token != null && _headers.Count > 0 ? "Bearer+Header" : _token != null ? "Bearer" : _headers.Count > 0 ? "Header" : "None";

        /// <summary>Names of the custom headers sent with every request (their values are secrets and never shown).</summary>
        public IReadOnlyList<string> HeaderNames => _headers.Select(h => h.Key).ToList();

        public ResilienceSettings Settings { get; }

        internal ApiTransport Transport => _transport.Value;

        /// <summary>The client over this connection's one request pipeline.</summary>
        public BatchApprovalClient Client => _client.Value;

        /// <summary>
        /// Validates and builds a connection. <paramref name="baseUri"/> must be an absolute http or https URI;
        /// header names must be valid tokens and not repeat; a bearer token and an Authorization header exclude each other.
        /// </summary>
        /// <exception cref="ArgumentException">The base URI or a header is unusable; the message says which rule.</exception>
        public static BatchApprovalConnection Create(string? baseUri, Secret? token = null, IEnumerable<KeyValuePair<string, Secret>>? headers = null,
            bool isSandbox = false, ResilienceSettings? settings = null)
        {
            var uri = ValidateBaseUri(baseUri);
            if (token != null && token.IsEmpty) throw new ArgumentException("The token is empty. Give a non-empty -Token, or leave it out.", nameof(token));
            var list = new List<KeyValuePair<string, Secret>>();
            foreach (var header in headers ?? Enumerable.Empty<KeyValuePair<string, Secret>>())
            {
                var name = header.Key?.Trim() ?? string.Empty;
                if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".IndexOf(c) >= 0))
                {
                    throw new ArgumentException($"Header name '{name}' is not a valid HTTP header name.", nameof(headers));
                }
                if (list.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ArgumentException($"Header '{name}' is given twice.", nameof(headers));
                }
                if (token != null && string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException("Give either -Token (sent as 'Authorization: Bearer …') or an Authorization header, not both.", nameof(headers));
                }
                if (header.Value == null || header.Value.IsEmpty) throw new ArgumentException($"Header '{name}' has an empty value.", nameof(headers));
                list.Add(new KeyValuePair<string, Secret>(name, header.Value));
            }
            return new BatchApprovalConnection(uri, token, list, isSandbox, settings ?? new ResilienceSettings());
        }

        /// <summary>The rule for a base URI, with a message naming what is wrong.</summary>
        public static Uri ValidateBaseUri(string? baseUri)
        {
            var text = baseUri?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                throw new ArgumentException("BaseUri is required: the batch approval API's host is not documented, so give the one your vendor told you (e.g. https://approval.example.com).", nameof(baseUri));
            }
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            {
                throw new ArgumentException($"BaseUri '{text}' is not an absolute http:// or https:// URI (e.g. https://approval.example.com).", nameof(baseUri));
            }
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new ArgumentException("BaseUri must not contain a query or fragment; give only scheme, host and an optional path prefix.", nameof(baseUri));
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new ArgumentException("BaseUri must not contain credentials (user:password@); use -Token or -Header.", nameof(baseUri));
            }
            var path = uri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? uri.AbsolutePath : uri.AbsolutePath + "/";
            return new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
        }

        public override string ToString() =>
            "BatchApproval " + BaseUri + (IsSandbox ? " (sandbox)" : string.Empty) + ", authentication: " + Authentication
            + (_headers.Count > 0 ? " (" + string.Join(", ", HeaderNames) + ")" : string.Empty);

        public void Dispose()
        {
            if (_transport.IsValueCreated) _transport.Value.Dispose();
        }
    }
}
