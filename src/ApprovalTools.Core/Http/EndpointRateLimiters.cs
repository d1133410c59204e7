using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// Client-side rate limit, one sliding window per endpoint, so a connection stays under the server's
    /// documented per-endpoint limit instead of learning it from 429s. Callers queue for a permit.
    /// </summary>
    public sealed class EndpointRateLimiters : IDisposable
    {
        private readonly ResilienceSettings _settings;
        private readonly ConcurrentDictionary<string, RateLimiter?> _limiters = new ConcurrentDictionary<string, RateLimiter?>(StringComparer.OrdinalIgnoreCase);

        public EndpointRateLimiters(ResilienceSettings settings) => _settings = settings;

        public async ValueTask<IDisposable?> AcquireAsync(string endpoint, CancellationToken cancellationToken)
        {
            var limiter = _limiters.GetOrAdd(endpoint, Create);
            if (limiter == null) return null;
            var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                throw new InvalidOperationException("The client-side rate limiter queue for " + endpoint + " is full.");
            }
            return lease;
        }

        private RateLimiter? Create(string endpoint)
        {
            var perSecond = _settings.LimitFor(endpoint);
            if (perSecond <= 0) return null;
            return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = perSecond,
                Window = TimeSpan.FromSeconds(1),
                SegmentsPerWindow = 10,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        public void Dispose()
        {
            foreach (var limiter in _limiters.Values) limiter?.Dispose();
        }
    }
}
