using System;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// The one exception type for a failed call to any of the three services. Messages are built from
    /// the server's code and text and pass through the connection's redactor, so no secret is in them.
    /// </summary>
    public sealed class ApiException : Exception
    {
        public ApiException(ServiceKind service, string errorId, ErrorKind kind, string message,
            int httpStatus = 0, long code = 0, string? logId = null, string? hint = null,
            bool isTransient = false, TimeSpan? retryAfter = null, Exception? inner = null)
            : base(message, inner)
        {
            Service = service;
            ErrorId = errorId;
            Kind = kind;
            HttpStatus = httpStatus;
            Code = code;
            LogId = logId;
            Hint = hint;
            IsTransient = isTransient;
            RetryAfter = retryAfter;
        }

        public ServiceKind Service { get; }

        /// <summary>Stable, punctuation-free identifier, used as the ErrorRecord's ErrorId.</summary>
        public string ErrorId { get; }

        public ErrorKind Kind { get; }

        public int HttpStatus { get; }

        /// <summary>The service's business code (Feishu <c>code</c>, Feishu Project <c>err_code</c>), 0 if none.</summary>
        public long Code { get; }

        public string? LogId { get; }

        /// <summary>What the user should do about it (the API docs' remediation text where there is one).</summary>
        public string? Hint { get; }

        /// <summary>True when the same request may succeed if sent again later.</summary>
        public bool IsTransient { get; }

        /// <summary>False when the service asked not to be sent the same request again soon (it is transient, but not retried in this run).</summary>
        internal bool ResendSoon { get; set; } = true;

        /// <summary>How long the server asked us to wait (x-ogw-ratelimit-reset, Retry-After, a documented pause).</summary>
        public TimeSpan? RetryAfter { get; }
    }
}
