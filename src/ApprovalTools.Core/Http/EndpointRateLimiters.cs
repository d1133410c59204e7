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
            // Permits come back a whole segment after they were taken; a 1 s window of 10 segments would let a request
            // taken late in a segment be followed by a full new quota only 0.9 s later (up to 2x the limit in a real second).
            // Eleven 100 ms segments guarantee every permit is held at least 1 s, so the server never sees more than the limit.
            return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = perSecond,
                Window = TimeSpan.FromMilliseconds(1100),
                SegmentsPerWindow = 11,
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
