using System.Net.Http;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Bench.Transport
{
    /// <summary>
    /// A minimal protocol for measuring the transport itself: a fixed bearer token (no token endpoint), the
    /// {code,msg} envelope, 5xx/1395001 transient, 429 rate limited.
    /// </summary>
    internal sealed class EchoProtocol : IServiceProtocol
    {
        private const string Token = "t-bench-token";

        public ServiceKind Service => ServiceKind.FeishuApproval;

        public string RateLimitScope => "echo";

        public RateLimit DefaultRateLimit => RateLimit.None;

        public void Attach(ApiTransport transport)
        {
        }

        public Task<string?> AuthenticateAsync(HttpRequestMessage message, ApiRequest request, CancellationToken cancellationToken)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
            return Task.FromResult<string?>(Token);
        }

        public void InvalidateToken(string token)
        {
        }

        public ApiFailure? Classify(ApiResponse response)
        {
            using var doc = response.TryParseJson();
            var code = doc != null && doc.RootElement.TryGetProperty("code", out var c) && c.TryGetInt64(out var n) ? n : -1;
            if (response.Status == 200 && code == 0) return null;
            if (response.Status == 429) return new ApiFailure(FailureHandling.RateLimited, code, "rate limited", "RateLimited", ErrorKind.RateLimited);
            if (response.Status >= 500 || code == 1395001) return new ApiFailure(FailureHandling.Transient, code, "try later", "TryLater", ErrorKind.ServerError);
            return new ApiFailure(FailureHandling.Permanent, code, "rejected", "Rejected", ErrorKind.InvalidArgument);
        }
    }
}
