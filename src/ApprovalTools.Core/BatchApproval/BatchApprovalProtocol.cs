using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.BatchApproval
{
    /// <summary>
    /// How the batch approval API authenticates and fails. Its documentation shows no envelope: a 2xx answer
    /// carrying the expected JSON is a success (the client checks the shape), and failures are judged by the
    /// HTTP status alone. The credentials are static (no token endpoint), so a rejected one is not replayed.
    /// </summary>
    public sealed class BatchApprovalProtocol : IServiceProtocol
    {
        private readonly Secret? _token;
        private readonly IReadOnlyList<KeyValuePair<string, Secret>> _headers;

        public BatchApprovalProtocol(Secret? token, IReadOnlyList<KeyValuePair<string, Secret>> headers)
        {
            _token = token;
            _headers = headers;
        }

        private Func<DateTimeOffset> _clock = SystemClock.UtcNow;

        public ServiceKind Service => ServiceKind.BatchApproval;

        /// <summary>The batch API's limits are not documented: one budget per base URI.</summary>
        public string RateLimitScope => string.Empty;

        /// <summary>The API documents no rate limit, so the client sets none (a 429 is still honoured).</summary>
        public RateLimit DefaultRateLimit => RateLimit.None;

        public void Attach(ApiTransport transport)
        {
            _clock = transport.Clock;
            transport.Redactor.Add(_token?.Reveal());
            foreach (var header in _headers) transport.Redactor.Add(header.Value.Reveal());
        }

        public Task<string?> AuthenticateAsync(HttpRequestMessage message, ApiRequest request, CancellationToken cancellationToken)
        {
            if (_token != null) message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _token.Reveal());
            foreach (var header in _headers) message.Headers.TryAddWithoutValidation(header.Key, header.Value.Reveal());
            // Returning null means "nothing to replay": a static credential the server rejects stays rejected.
            return Task.FromResult<string?>(null);
        }

        public void InvalidateToken(string token)
        {
        }

        public ApiFailure? Classify(ApiResponse response)
        {
            var status = response.Status;
            if (status >= 200 && status < 300) return null;
            var message = ServerMessage(response);
            switch (status)
            {
                case 401:
                    return new ApiFailure(FailureHandling.Permanent, status, message, ConnectionErrors.CredentialsRejected, ErrorKind.Authentication)
                    { Hint = "Check the -Token or -Header given to Connect-BatchApproval." };
                case 403:
                    return new ApiFailure(FailureHandling.Permanent, status, message, "BatchPermissionDenied", ErrorKind.PermissionDenied)
                    { Hint = "The credentials or the user id may not act on these tasks or this batch." };
                case 404:
                    return new ApiFailure(FailureHandling.Permanent, status, message, "BatchNotFound", ErrorKind.ObjectNotFound);
                case 429:
                    return new ApiFailure(FailureHandling.RateLimited, status, message, "BatchRateLimited", ErrorKind.RateLimited)
                    { RetryAfter = RetryAfter.From(response, _clock()) };
                case 400:
                    return new ApiFailure(FailureHandling.Permanent, status, message, "BatchRequestRejected", ErrorKind.InvalidArgument);
            }
            if (status >= 500) return new ApiFailure(FailureHandling.Transient, status, message, "BatchServerError", ErrorKind.ServerError);
            return new ApiFailure(FailureHandling.Permanent, status, message, "BatchRequestFailed", ErrorKind.InvalidOperation);
        }

        /// <summary>The server's own words: a msg/message/error/reason property of a JSON body, else the body text, shortened.</summary>
        internal static string ServerMessage(ApiResponse response)
        {
            using (var doc = response.TryParseJson())
            {
                if (doc != null && doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var name in new[] { "msg", "message", "error_description", "error", "reason", "detail" })
                    {
                        if (doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                        {
                            return text;
                        }
                    }
                }
            }
            var body = Encoding.UTF8.GetString(response.Body).Trim();
            if (body.Length == 0) return "HTTP " + response.Status + " with an empty body";
            return body.Length > 300 ? body.Substring(0, 300) + "…" : body;
        }
    }
}
