using System;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project.Json;

namespace ApprovalTools.Core.Project
{
    /// <summary>
    /// Feishu Project's side of the pipeline: a plugin token (its own <c>{data, error}</c> envelope) sent as
    /// X-PLUGIN-TOKEN with X-USER-KEY, and the <c>{err_code, err_msg, err{code,msg,log_id}, data}</c> envelope judged
    /// through <see cref="NodeErrorTable"/>.
    /// </summary>
    public sealed class FeishuProjectProtocol : IServiceProtocol
    {
        public const string TokenPath = "open_api/authen/plugin_token";
        public const string TokenEndpoint = "POST authen/plugin_token";

        private readonly string _pluginId;
        private readonly Secret _pluginSecret;
        private readonly string _userKey;
        private readonly ConditionalWeakTable<ApiRequest, StrongBox<int>> _attempts = new ConditionalWeakTable<ApiRequest, StrongBox<int>>();
        private readonly Func<DateTimeOffset> _clock;
        private ApiTransport? _transport;

        public FeishuProjectProtocol(string pluginId, Secret pluginSecret, string userKey, Func<DateTimeOffset>? clock = null)
        {
            _pluginId = pluginId;
            _pluginSecret = pluginSecret;
            _userKey = userKey;
            _clock = clock ?? SystemClock.UtcNow;
            Tokens = new TokenCache(FetchTokenAsync, _clock);
        }

        /// <summary>The documented limit: 15 requests per second per token and API.</summary>
        public const int RequestsPerSecond = 15;

        private static readonly RateLimit Documented = new RateLimit(RequestsPerSecond);

        public ServiceKind Service => ServiceKind.FeishuProject;

        /// <summary>Feishu Project counts per token and API; every connection of one plugin gets the same plugin token.</summary>
        public string RateLimitScope => _pluginId;

        public RateLimit DefaultRateLimit => Documented;

        internal TokenCache Tokens { get; }

        public void Attach(ApiTransport transport)
        {
            _transport = transport;
            transport.Redactor.Add(_pluginSecret.Reveal());
        }

        /// <summary>How many times a request has been sent so far (each retry and token replay counts).</summary>
        public int AttemptsOf(ApiRequest request) => _attempts.TryGetValue(request, out var box) ? Volatile.Read(ref box.Value) : 0;

        public async Task<string?> AuthenticateAsync(HttpRequestMessage message, ApiRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts.GetValue(request, _ => new StrongBox<int>()).Value);
            var token = await Tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            message.Headers.TryAddWithoutValidation("X-PLUGIN-TOKEN", token);
            message.Headers.TryAddWithoutValidation("X-USER-KEY", _userKey);
            return token;
        }

        public void InvalidateToken(string token) => Tokens.Invalidate(token);

        private async Task<IssuedToken> FetchTokenAsync(CancellationToken cancellationToken)
        {
            var transport = _transport ?? throw new InvalidOperationException("The protocol is not attached to a transport.");
            var request = new ApiRequest(HttpMethod.Post, TokenPath, TokenEndpoint)
            {
                Authenticated = false,
                Body = JsonSerializer.SerializeToUtf8Bytes(
                    new PluginTokenRequest { PluginId = _pluginId, PluginSecret = _pluginSecret.Reveal(), Type = 0 },
                    ProjectJsonContext.Default.PluginTokenRequest),
            };
            var response = await transport.SendAsync(request, null, cancellationToken).ConfigureAwait(false);
            var parsed = JsonSerializer.Deserialize(response.Body, ProjectJsonContext.Default.PluginTokenResponse);
            var token = parsed?.Data?.Token;
            if (string.IsNullOrEmpty(token))
            {
                throw new ApiException(Service, "PluginTokenMissing", ErrorKind.Authentication,
                    "Feishu Project answered the plugin token request without a token.", response.Status, logId: response.LogId);
            }
            transport.Redactor.Add(token);
            var lifetime = parsed!.Data!.ExpireTime > 0 ? TimeSpan.FromSeconds(parsed.Data.ExpireTime) : TimeSpan.FromHours(2);
            return new IssuedToken(token!, lifetime);
        }

        public ApiFailure? Classify(ApiResponse response)
        {
            using var doc = response.TryParseJson();
            var root = doc?.RootElement;
            if (root is { ValueKind: JsonValueKind.Object } r && !r.TryGetProperty("err_code", out _) && r.TryGetProperty("error", out var tokenError))
            {
                return ClassifyToken(response, tokenError);
            }

            long code = 0;
            string? errMsg = null, innerMsg = null, logId = null;
            if (root is { ValueKind: JsonValueKind.Object } o)
            {
                if (o.TryGetProperty("err_code", out var c) && c.ValueKind == JsonValueKind.Number) code = c.GetInt64();
                if (o.TryGetProperty("err_msg", out var m) && m.ValueKind == JsonValueKind.String) errMsg = m.GetString();
                if (o.TryGetProperty("err", out var err) && err.ValueKind == JsonValueKind.Object)
                {
                    if (code == 0 && err.TryGetProperty("code", out var ic) && ic.ValueKind == JsonValueKind.Number) code = ic.GetInt64();
                    if (err.TryGetProperty("msg", out var im) && im.ValueKind == JsonValueKind.String) innerMsg = im.GetString();
                    if (err.TryGetProperty("log_id", out var l) && l.ValueKind == JsonValueKind.String) logId = l.GetString();
                }
            }

            if (code == 0 && response.Status >= 200 && response.Status < 300 && root is { ValueKind: JsonValueKind.Object }) return null;

            var message = Describe(errMsg, innerMsg) + (response.LogId == null && !string.IsNullOrEmpty(logId) ? $" (log id {logId})" : string.Empty);
            var row = code == 0 ? null : NodeErrorTable.Find(code, errMsg, innerMsg);
            if (row != null)
            {
                return new ApiFailure(row.Handling, code, message, row.ErrorId, row.Kind)
                {
                    Hint = row.Hint,
                    RetryAfter = Delay(response, row),
                };
            }
            if (response.Status == 429)
            {
                return new ApiFailure(FailureHandling.RateLimited, code, message.Length == 0 ? "HTTP 429" : message, "RateLimited", ErrorKind.RateLimited)
                {
                    RetryAfter = HeaderDelay(response) ?? TimeSpan.FromSeconds(1),
                };
            }
            if (response.Status >= 500 || root == null)
            {
                return new ApiFailure(FailureHandling.Transient, code, message.Length == 0 ? $"HTTP {response.Status}" : message, "ServiceUnavailable", ErrorKind.ServerError);
            }
            return new ApiFailure(FailureHandling.Permanent, code, message.Length == 0 ? $"HTTP {response.Status}" : message, "FeishuProjectRequestFailed",
                response.Status == 403 ? ErrorKind.PermissionDenied : ErrorKind.InvalidOperation);
        }

        private ApiFailure? ClassifyToken(ApiResponse response, JsonElement error)
        {
            long code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt64() : 0;
            var msg = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (code == 0 && response.Status >= 200 && response.Status < 300) return null;
            if (response.Status == 429 || code == 10429)
            {
                return new ApiFailure(FailureHandling.RateLimited, code, msg ?? "rate limited", "RateLimited", ErrorKind.RateLimited)
                {
                    RetryAfter = HeaderDelay(response) ?? TimeSpan.FromSeconds(1),
                };
            }
            if (response.Status >= 500 || code == 50006)
            {
                return new ApiFailure(FailureHandling.Transient, code, msg ?? "server error", "ServiceUnavailable", ErrorKind.ServerError);
            }
            // 10204 (n8n) and anything else: the plugin id or secret is wrong. The secret itself is never part of the message.
            return new ApiFailure(FailureHandling.Permanent, code, $"plugin token request rejected for plugin '{_pluginId}' ({msg ?? "no message"})",
                ConnectionErrors.CredentialsRejected, ErrorKind.Authentication)
            {
                Hint = "check the plugin ID and plugin secret (plugin management > basic information) and that the plugin is published",
            };
        }

        private TimeSpan? Delay(ApiResponse response, NodeErrorRow row)
        {
            if (row.ErrorId == NodeErrorTable.InTransitionId)
            {
                var header = HeaderDelay(response);
                return header != null && header > NodeErrorTable.TransitionWait ? header : NodeErrorTable.TransitionWait;
            }
            if (row.Handling == FailureHandling.RateLimited) return HeaderDelay(response) ?? TimeSpan.FromSeconds(1);
            return HeaderDelay(response);
        }

        private TimeSpan? HeaderDelay(ApiResponse response) => RetryAfter.From(response, _clock());

        private static string Describe(string? errMsg, string? innerMsg)
        {
            if (string.IsNullOrWhiteSpace(innerMsg) || string.Equals(errMsg?.Trim(), innerMsg!.Trim(), StringComparison.OrdinalIgnoreCase)) return errMsg?.Trim() ?? string.Empty;
            if (string.IsNullOrWhiteSpace(errMsg)) return innerMsg!.Trim();
            return errMsg!.Trim() + " (" + innerMsg!.Trim() + ")";
        }
    }
}
