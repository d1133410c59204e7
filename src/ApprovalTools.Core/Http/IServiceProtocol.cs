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

        /// <summary>Adds credentials to an outgoing request; may fetch a token. Returns the token used, if any.</summary>
        Task<string?> AuthenticateAsync(HttpRequestMessage message, ApiRequest request, ApiTransport transport, CancellationToken cancellationToken);

        /// <summary>Forgets a token the server rejected, so the next attempt fetches a fresh one.</summary>
        void InvalidateToken(string token);

        /// <summary>Null when the response is a success; otherwise what went wrong and how to treat it.</summary>
        ApiFailure? Classify(ApiResponse response);
    }
}
