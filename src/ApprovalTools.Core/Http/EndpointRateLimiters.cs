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
            // A permit comes back when its segment leaves the window, which in practice is one to two segments earlier
            // than the window length (timer ticks are coarse). A 1.2 s window of 100 ms segments keeps every permit
            // for at least a second, so the server never sees more than the limit in any second.
            return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = perSecond,
                Window = TimeSpan.FromMilliseconds(1200),
                SegmentsPerWindow = 12,
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
