using System;
using System.Collections.Generic;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// Tunables of one connection's request pipeline, fixed when the connection is made (init-only; change one with
    /// <c>settings with { MaxRetryAttempts = 6 }</c> and connect again). Unset rates take the service's documented limit.
    /// </summary>
    public sealed record ResilienceSettings
    {
        public int MaxRetryAttempts { get; init; } = 4;

        /// <summary>First backoff step; doubled per attempt, with jitter.</summary>
        public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Longest wait the client accepts from a server's Retry-After/reset header; a longer one is cut to this and retried.</summary>
        public TimeSpan MaxServerDelay { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>How long one attempt may wait for its answer.</summary>
        public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The deadline of one request, all its attempts, backoff waits, rate-limit waits and token fetches included; a
        /// request that has no usable answer by then fails with RequestTimedOut. Connect-* -TimeoutSec sets it.
        /// </summary>
        public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

        public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(120);

        /// <summary>
        /// Circuit breaker: when at least <see cref="BreakMinimumAttempts"/> attempts were made within
        /// <see cref="BreakSamplingDuration"/> and <see cref="BreakFailureRatio"/> of them failed (no connection, no answer
        /// in time, 5xx), the connection stops sending for <see cref="BreakDuration"/>; then one probe decides whether it resumes.
        /// </summary>
        public int BreakMinimumAttempts { get; init; } = 10;

        public double BreakFailureRatio { get; init; } = 0.9;

        public TimeSpan BreakSamplingDuration { get; init; } = TimeSpan.FromSeconds(10);

        public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);

        /// <summary>
        /// Requests per second per endpoint when <see cref="EndpointLimits"/> has no entry; null = the service's documented
        /// limit (Feishu 50/s, Feishu Project 15/s, batch approval none), 0 = unlimited.
        /// </summary>
        public int? DefaultRequestsPerSecond { get; init; }

        /// <summary>Requests per minute per endpoint, likewise (Feishu 1000/min); null = the service's, 0 = unlimited.</summary>
        public int? DefaultRequestsPerMinute { get; init; }

        /// <summary>The limit of an endpoint key (see <see cref="ApiRequest.Endpoint"/>) when it differs from the defaults.</summary>
        public IReadOnlyDictionary<string, RateLimit> EndpointLimits { get; init; } = new Dictionary<string, RateLimit>();

        /// <summary>The limit of <paramref name="endpoint"/>: its own entry, else the defaults, each falling back to <paramref name="serviceDefault"/>.</summary>
        public RateLimit LimitFor(string endpoint, RateLimit serviceDefault)
        {
            foreach (var entry in EndpointLimits)
            {
                if (string.Equals(entry.Key, endpoint, StringComparison.OrdinalIgnoreCase)) return entry.Value;
            }
            return new RateLimit(Math.Max(0, DefaultRequestsPerSecond ?? serviceDefault.PerSecond), Math.Max(0, DefaultRequestsPerMinute ?? serviceDefault.PerMinute));
        }
    }
}
