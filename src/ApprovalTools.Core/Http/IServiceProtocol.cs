using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// What differs between the three services: how a request is authenticated and how a response
    /// envelope is judged. Everything else (retry, rate limit, timeout, logging) is the transport's.
    /// </summary>
    public interface IServiceProtocol
    {
        ServiceKind Service { get; }

        /// <summary>Who the server counts rate limits against (app id, plugin id); "" when unknown. Never a secret.</summary>
        string RateLimitScope { get; }

        /// <summary>The documented per-endpoint limit, used where the settings give none; <see cref="RateLimit.None"/> when undocumented.</summary>
        RateLimit DefaultRateLimit { get; }

        /// <summary>
        /// Called once by the transport that will carry this protocol's requests: token fetches go through it, and the
        /// protocol registers its secrets with <see cref="ApiTransport.Redactor"/> here.
        /// </summary>
        void Attach(ApiTransport transport);

        /// <summary>Adds credentials to an outgoing request; may fetch a token. Returns the token used, if any.</summary>
        Task<string?> AuthenticateAsync(HttpRequestMessage message, ApiRequest request, CancellationToken cancellationToken);

        /// <summary>Forgets a token the server rejected, so the next attempt fetches a fresh one.</summary>
        void InvalidateToken(string token);

        /// <summary>Null when the response is a success; otherwise what went wrong and how to treat it.</summary>
        ApiFailure? Classify(ApiResponse response);
    }
}
