using System;
using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.BatchApproval
{
    /// <summary>
    /// A connection to one batch approval server: what Connect-BatchApproval returns and -Connection takes. Neither the
    /// host nor the authentication of that API is documented, so both come from the user: a base URI, a bearer token
    /// and/or custom headers, whose values stay inside as <see cref="Secret"/>s.
    /// </summary>
    public sealed class BatchApprovalConnection : ServiceConnection
    {
        internal BatchApprovalConnection(ApiTransport transport, bool isSandbox, string authentication, IReadOnlyList<string> headerNames, DateTimeOffset connectedAt)
            : base(transport.BaseUri, isSandbox, transport, connectedAt)
        {
            Authentication = authentication;
            HeaderNames = headerNames;
            Client = new BatchApprovalClient(transport);
        }

        /// <summary>"Bearer", "Header", "Bearer+Header" or "None".</summary>
        public string Authentication { get; }

        /// <summary>Names of the custom headers sent with every request (their values are secrets and never shown).</summary>
        public IReadOnlyList<string> HeaderNames { get; }

        internal BatchApprovalClient Client { get; }

        private protected override string TenantName =>
            "batch approval server " + BaseUri + (HeaderNames.Count > 0 ? " (headers " + string.Join(", ", HeaderNames) + ")" : string.Empty);
    }

    /// <summary>What a batch approval connection is made from (Connect-BatchApproval's parameters, or the environment).</summary>
    public sealed record BatchApprovalConnectionOptions : ConnectionOptions<BatchApprovalConnection>
    {
        /// <summary>Sent as "Authorization: Bearer &lt;token&gt;".</summary>
        public Secret? Token { get; init; }

        /// <summary>Extra headers for every request (an API key, a tenant header); the values are secrets.</summary>
        public IReadOnlyList<KeyValuePair<string, Secret>> Headers { get; init; } = Array.Empty<KeyValuePair<string, Secret>>();

        /// <summary>
        /// These options with BATCH_APPROVAL_BASE_URI for a missing base URI and BATCH_APPROVAL_TOKEN as the token when
        /// neither a token nor headers are given.
        /// </summary>
        public BatchApprovalConnectionOptions WithEnvironment(Func<string, string?>? read = null)
        {
            read = ReaderOrProcess(read);
            return this with
            {
                BaseUri = EitherUri(BaseUri, read, EnvironmentVariables.BatchApprovalBaseUri),
                Token = Token != null || Headers.Count > 0 ? Token : EitherSecret(null, read, EnvironmentVariables.BatchApprovalToken),
            };
        }

        internal override BatchApprovalConnection Open()
        {
            if (BaseUri == null)
            {
                throw new ConnectionSetupException(ConnectionErrors.InvalidConnectionParameter,
                    $"BaseUri is required: the batch approval API's host is not documented, so give the one your vendor told you (e.g. https://approval.example.com) as -BaseUri or {EnvironmentVariables.BatchApprovalBaseUri}.",
                    nameof(BaseUri));
            }
            var uri = ServiceBaseUri.Normalize(BaseUri);
            if (Token != null && Token.IsEmpty)
            {
                throw new ConnectionSetupException(ConnectionErrors.InvalidConnectionParameter, "The token is empty. Give a non-empty -Token, or leave it out.", nameof(Token));
            }
            var headers = CheckedHeaders();
            var authentication = Token != null && headers.Count > 0 ? "Bearer+Header" : Token != null ? "Bearer" : headers.Count > 0 ? "Header" : "None";
            var transport = new ApiTransport(uri, new BatchApprovalProtocol(Token, headers), ResilienceOrDefault, handler: Handler, clock: ClockOrSystem);
            return new BatchApprovalConnection(transport, IsSandbox, authentication, headers.Select(h => h.Key).ToList(), ClockOrSystem());
        }

        /// <summary>Header names must be valid tokens and not repeat; a bearer token and an Authorization header exclude each other.</summary>
        private List<KeyValuePair<string, Secret>> CheckedHeaders()
        {
            var list = new List<KeyValuePair<string, Secret>>();
            foreach (var header in Headers)
            {
                var name = header.Key?.Trim() ?? string.Empty;
                if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".IndexOf(c) >= 0))
                {
                    throw Invalid($"Header name '{name}' is not a valid HTTP header name.");
                }
                if (list.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))) throw Invalid($"Header '{name}' is given twice.");
                if (Token != null && string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
                {
                    throw Invalid("Give either -Token (sent as 'Authorization: Bearer …') or an Authorization header, not both.");
                }
                if (header.Value == null || header.Value.IsEmpty) throw Invalid($"Header '{name}' has an empty value.");
                list.Add(new KeyValuePair<string, Secret>(name, header.Value));
            }
            return list;
        }

        private static ConnectionSetupException Invalid(string message) =>
            new ConnectionSetupException(ConnectionErrors.InvalidConnectionParameter, message, nameof(Headers));
    }
}
