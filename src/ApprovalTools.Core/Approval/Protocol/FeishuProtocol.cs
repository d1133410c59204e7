using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Approval.Protocol
{
    /// <summary>
    /// Feishu Open Platform: "Authorization: Bearer &lt;tenant_access_token&gt;" from the internal-app token endpoint,
    /// cached by <see cref="TokenCache"/>, and the {code, msg, data} envelope judged by code on any HTTP status.
    /// </summary>
    public sealed class FeishuProtocol : IServiceProtocol
    {
        public const string TokenPath = "open-apis/auth/v3/tenant_access_token/internal";
        public const string TokenEndpoint = "POST tenant_access_token";

        /// <summary>The documented limit of the approval APIs: 50 calls per second and 1000 per minute per API.</summary>
        public const int RequestsPerSecond = 50;

        public const int RequestsPerMinute = 1000;

        private static readonly RateLimit Documented = new RateLimit(RequestsPerSecond, RequestsPerMinute);

        private readonly string _appId;
        private readonly Secret _secret;
        private readonly Func<DateTimeOffset> _clock;
        private ApiTransport? _transport;
        private volatile Tuple<string, string>? _bearer;

        public FeishuProtocol(string appId, Secret secret, Func<DateTimeOffset>? clock = null)
        {
            _appId = appId;
            _secret = secret;
            _clock = clock ?? SystemClock.UtcNow;
            Tokens = new TokenCache(FetchAsync, _clock);
        }

        public ServiceKind Service => ServiceKind.FeishuApproval;

        /// <summary>Feishu counts per API, app and tenant; an app id belongs to one tenant for internal apps.</summary>
        public string RateLimitScope => _appId;

        public RateLimit DefaultRateLimit => Documented;

        internal TokenCache Tokens { get; }

        public void Attach(ApiTransport transport)
        {
            _transport = transport;
            transport.Redactor.Add(_secret.Reveal());
        }

        public Task<string?> AuthenticateAsync(HttpRequestMessage message, ApiRequest request, CancellationToken cancellationToken) =>
            TaskResult.Then<string?, (FeishuProtocol Self, HttpRequestMessage Message)>(Tokens.GetAsync(cancellationToken)!, (this, message),
                static (s, token) => s.Message.Headers.TryAddWithoutValidation("Authorization", s.Self.Bearer(token!)));

        /// <summary>"Bearer " + token, made once per token rather than once per request.</summary>
        private string Bearer(string token)
        {
            var last = _bearer;
            if (last != null && string.Equals(last.Item1, token, StringComparison.Ordinal)) return last.Item2;
            var header = "Bearer " + token;
            _bearer = Tuple.Create(token, header);
            return header;
        }

        public void InvalidateToken(string token) => Tokens.Invalidate(token);

        private async Task<IssuedToken> FetchAsync(CancellationToken cancellationToken)
        {
            var transport = _transport ?? throw new InvalidOperationException("The Feishu protocol is not attached to a transport.");
            var body = JsonSerializer.SerializeToUtf8Bytes(new TenantTokenRequest { AppId = _appId, AppSecret = _secret.Reveal() },
                ApprovalJsonContext.Default.TenantTokenRequest);
            var request = new ApiRequest(HttpMethod.Post, TokenPath, TokenEndpoint) { Body = body, Authenticated = false };
            ApiResponse response;
            try
            {
                response = await transport.SendAsync(request, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex) when (ex.Kind == ErrorKind.Authentication)
            {
                throw new ApiException(Service, ConnectionErrors.CredentialsRejected, ErrorKind.Authentication,
                    transport.Redactor.Redact($"Feishu refused the credentials of app '{_appId}' (code {ex.Code}): {ex.Message}"),
                    ex.HttpStatus, ex.Code, ex.LogId,
                    "Check the app id and app secret (App credentials in the Feishu developer console); the secret is never shown.", inner: ex);
            }
            var parsed = JsonSerializer.Deserialize(response.Body, ApprovalJsonContext.Default.TenantTokenResponse);
            if (parsed == null || string.IsNullOrEmpty(parsed.TenantAccessToken) || parsed.Expire <= 0)
            {
                throw new ApiException(Service, "TokenResponseInvalid", ErrorKind.Authentication,
                    "The Feishu token endpoint answered without tenant_access_token/expire.", response.Status, parsed?.Code ?? 0, response.LogId);
            }
            transport.Redactor.Add(parsed.TenantAccessToken);
            return new IssuedToken(parsed.TenantAccessToken!, TimeSpan.FromSeconds(parsed.Expire));
        }

        /// <summary>Decides by the body's code on any HTTP status (Feishu sends business errors as 4xx/5xx with a body).</summary>
        public ApiFailure? Classify(ApiResponse response)
        {
            // The common answer, a 2xx with code 0, is judged without building a document.
            if (response.Status >= 200 && response.Status < 300 && EnvelopeCode.TryRead(response.Body, "code"u8, out var head) && head == 0) return null;
            long? code = null;
            string msg = string.Empty;
            string? detail = null;
            using (var doc = response.TryParseJson())
            {
                if (doc != null && doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (doc.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number) code = c.GetInt64();
                    if (doc.RootElement.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String) msg = m.GetString() ?? string.Empty;
                    detail = Violations(doc.RootElement);
                }
            }
            if (code == 0 && response.Status >= 200 && response.Status < 300) return null;

            var text = msg + (detail == null ? string.Empty : " (" + detail + ")");
            if (code == null)
            {
                text = $"HTTP {response.Status} without a Feishu envelope";
                if (response.Status == 429) return RateLimited(response, -1, text);
                return response.Status >= 500
                    ? new ApiFailure(FailureHandling.Transient, -1, text, "ServiceTryLater", ErrorKind.ServerError)
                    : new ApiFailure(FailureHandling.Permanent, -1, text, "UnexpectedResponse", ErrorKind.ServerError);
            }
            switch (code.Value)
            {
                case 99991661: case 99991663: case 99991664: case 99991671:
                    return new ApiFailure(FailureHandling.TokenRejected, code.Value, text, "TokenRejected", ErrorKind.Authentication)
                    { Hint = "The tenant access token was refused twice; reconnect with Connect-Feishu." };
                case 99991400:
                    return RateLimited(response, code.Value, text);
                case 1395001:
                    // The create/check pages: lower the rate and do not sync the same instance again within a short time.
                    // A quick resend is what the server asks us not to do, so the item is reported, not resent.
                    return new ApiFailure(FailureHandling.RetryLater, code.Value, text, "ServiceTryLater", ErrorKind.ServerError)
                    { Hint = "Not sent again in this run, as Feishu asks: lower the request rate (-ThrottleLimit) and sync this instance again in a few minutes." };
                case 2200: case 5000: case 1500:
                    return new ApiFailure(FailureHandling.Transient, code.Value, text, "ServiceTryLater", ErrorKind.ServerError)
                    { Hint = "Feishu had an internal error; retried with backoff. Run the item again later." };
                case 1390001:
                    return new ApiFailure(FailureHandling.Permanent, code.Value, text, "InvalidParameter", ErrorKind.InvalidArgument)
                    { Hint = "Fix the fields the message names; nothing was stored for this request." };
                case 1390014:
                    return new ApiFailure(FailureHandling.Permanent, code.Value, text, "TenantNotFound", ErrorKind.ObjectNotFound);
                case 10003: case 10014: case 10015: case 20002: case 99991665:
                    return new ApiFailure(FailureHandling.Permanent, code.Value, text, ConnectionErrors.CredentialsRejected, ErrorKind.Authentication);
                case 99991401: case 99991672:
                    return new ApiFailure(FailureHandling.Permanent, code.Value, text, "PermissionDenied", ErrorKind.PermissionDenied)
                    { Hint = "Grant the app the approval:approval or approval:external_instance scope, or allow this IP, in the developer console." };
            }
            if (response.Status == 429) return RateLimited(response, code.Value, text);
            if (response.Status >= 500) return new ApiFailure(FailureHandling.Transient, code.Value, text, "ServiceTryLater", ErrorKind.ServerError);
            return new ApiFailure(FailureHandling.Permanent, code.Value, text, "FeishuApiError", ErrorKind.InvalidOperation);
        }

        private ApiFailure RateLimited(ApiResponse response, long code, string text)
        {
            return new ApiFailure(FailureHandling.RateLimited, code, text, "RateLimited", ErrorKind.RateLimited)
            {
                RetryAfter = RetryAfter.From(response, _clock()),
                Hint = "Feishu allows 50 calls per second and 1000 per minute per API; lower -ThrottleLimit or the connection's rate.",
            };
        }

        private static string? Violations(JsonElement root)
        {
            if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return null;
            if (!error.TryGetProperty("field_violations", out var list) || list.ValueKind != JsonValueKind.Array) return null;
            var parts = new List<string>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                var field = item.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                var description = item.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                parts.Add(field + ": " + description);
            }
            return parts.Count == 0 ? null : string.Join("; ", parts.Take(10));
        }
    }
}
