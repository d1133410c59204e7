using System.Net.Http;
using System.Text.Json;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Tests.Support
{
    /// <summary>
    /// A minimal protocol for transport tests: {code,msg} envelope, bearer token from /scripted/token,
    /// 99991663 = token rejected, 99991400 = rate limited, 1395001 or 5xx = transient.
    /// </summary>
    public sealed class ScriptedProtocol : IServiceProtocol
    {
        private int _issued;
        private readonly TokenCache _tokens;

        public ScriptedProtocol() => _tokens = new TokenCache(_ => Task.FromResult(new IssuedToken("t-scripted-token-" + Interlocked.Increment(ref _issued), TimeSpan.FromHours(2))));

        public int TokensIssued => _issued;

        public ServiceKind Service => ServiceKind.FeishuApproval;

        public string RateLimitScope => "scripted";

        public RateLimit DefaultRateLimit => RateLimit.None;

        public void Attach(ApiTransport transport)
        {
        }

        public async Task<string?> AuthenticateAsync(HttpRequestMessage message, ApiRequest request, CancellationToken cancellationToken)
        {
            var token = await _tokens.GetAsync(cancellationToken);
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            return token;
        }

        public void InvalidateToken(string token) => _tokens.Invalidate(token);

        public ApiFailure? Classify(ApiResponse response)
        {
            using var doc = response.TryParseJson();
            var code = doc != null && doc.RootElement.TryGetProperty("code", out var c) ? c.GetInt64() : -1;
            var msg = doc != null && doc.RootElement.TryGetProperty("msg", out var m) ? m.GetString() ?? "" : "";
            if (code == 0 && response.Status == 200) return null;
            if (code == 99991663) return new ApiFailure(FailureHandling.TokenRejected, code, msg, "TokenRejected", ErrorKind.Authentication);
            if (response.Status == 429)
            {
                var reset = response.Header("x-ogw-ratelimit-reset");
                return new ApiFailure(FailureHandling.RateLimited, code, msg, "RateLimited", ErrorKind.RateLimited)
                {
                    RetryAfter = Core.Http.RetryAfter.From(response, DateTimeOffset.UtcNow),
                };
            }
            if (code == 1395001 || response.Status >= 500) return new ApiFailure(FailureHandling.Transient, code, msg, "TryLater", ErrorKind.ServerError);
            return new ApiFailure(FailureHandling.Permanent, code, msg, "Rejected" + code, ErrorKind.InvalidArgument);
        }
    }
}
