using System;
using System.Collections.Generic;

namespace ApprovalTools.Core.Http
{
    /// <summary>Tunables of one connection's request pipeline. Defaults follow the services' documented limits.</summary>
    public sealed class ResilienceSettings
    {
        public int MaxRetryAttempts { get; set; } = 4;

        /// <summary>First backoff step; doubled per attempt, with jitter.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Longest wait the client accepts from a server's reset header before giving up.</summary>
        public TimeSpan MaxServerDelay { get; set; } = TimeSpan.FromSeconds(60);

        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Circuit breaker: when at least <see cref="BreakMinimumAttempts"/> attempts were made within
        /// <see cref="BreakSamplingDuration"/> and <see cref="BreakFailureRatio"/> of them failed (no connection, no answer
        /// in time, 5xx), the connection stops sending for <see cref="BreakDuration"/>; then one probe decides whether it resumes.
        /// </summary>
        public int BreakMinimumAttempts { get; set; } = 10;

        public double BreakFailureRatio { get; set; } = 0.9;

        public TimeSpan BreakSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

        public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Requests per second per endpoint when no entry in <see cref="EndpointLimits"/> matches; 0 = unlimited.</summary>
        public int DefaultRequestsPerSecond { get; set; }

        /// <summary>Requests per minute per endpoint when no entry in <see cref="EndpointLimits"/> matches; 0 = unlimited.</summary>
        public int DefaultRequestsPerMinute { get; set; }

        /// <summary>The limit of an endpoint key (see <see cref="ApiRequest.Endpoint"/>) when it differs from the defaults.</summary>
        public IDictionary<string, RateLimit> EndpointLimits { get; } = new Dictionary<string, RateLimit>(StringComparer.OrdinalIgnoreCase);

        public RateLimit LimitFor(string endpoint) =>
            EndpointLimits.TryGetValue(endpoint, out var limit) ? limit : new RateLimit(Math.Max(0, DefaultRequestsPerSecond), Math.Max(0, DefaultRequestsPerMinute));
    }
}
