using System;

namespace ApprovalTools.Core.Http
{
    /// <summary>How the transport should treat a response the service protocol rejected.</summary>
    public enum FailureHandling
    {
        /// <summary>Report it; sending again will not help.</summary>
        Permanent,

        /// <summary>Retry with backoff (5xx, "try later" codes).</summary>
        Transient,

        /// <summary>The server refused for load; it did not act, so even non-idempotent writes may be retried.</summary>
        RateLimited,

        /// <summary>
        /// The service failed for now and asks not to be sent the same request again within a short time (Feishu 1395001):
        /// reported for the item, not resent in this run.
        /// </summary>
        RetryLater,

        /// <summary>The token was rejected: drop it, fetch a new one, replay once.</summary>
        TokenRejected,
    }

    /// <summary>A rejected response, decoded by the service protocol.</summary>
    public sealed class ApiFailure
    {
        public ApiFailure(FailureHandling handling, long code, string message, string errorId, ErrorKind kind)
        {
            Handling = handling;
            Code = code;
            Message = message;
            ErrorId = errorId;
            Kind = kind;
        }

        public FailureHandling Handling { get; }
        public long Code { get; }
        public string Message { get; }
        public string ErrorId { get; }
        public ErrorKind Kind { get; }
        public string? Hint { get; set; }
        public TimeSpan? RetryAfter { get; set; }
    }
}
