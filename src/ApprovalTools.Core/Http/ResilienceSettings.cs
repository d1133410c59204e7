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
