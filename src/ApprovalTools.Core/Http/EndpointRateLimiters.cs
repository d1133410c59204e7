using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// A transport's view of the process-wide <see cref="RateLimiterRegistry"/>: each endpoint's limit from the settings,
    /// under a key made of the service, the base URI, who the server counts against (app id, plugin id) and the limit
    /// itself, so connections to the same app with the same limits share one schedule. Callers wait for their slot.
    /// </summary>
    public sealed class EndpointRateLimiters
    {
        private readonly Func<string, RateLimit> _limitFor;
        private readonly string _scope;
        private readonly RateLimiterRegistry _registry;
        private readonly ConcurrentDictionary<string, Bucket> _buckets = new ConcurrentDictionary<string, Bucket>(StringComparer.OrdinalIgnoreCase);

        /// <param name="scope">Service, base URI and identity the server counts per, e.g. "Feishu https://open.feishu.cn/ cli_a1".</param>
        /// <param name="limitFor">The limit of an endpoint key.</param>
        public EndpointRateLimiters(Func<string, RateLimit> limitFor, string scope, RateLimiterRegistry? registry = null)
        {
            _limitFor = limitFor;
            _scope = scope;
            _registry = registry ?? RateLimiterRegistry.Shared;
        }

        public Task WaitAsync(string endpoint, CancellationToken cancellationToken)
        {
            var bucket = BucketFor(endpoint);
            return bucket.Limit.IsUnlimited ? Task.CompletedTask : _registry.WaitAsync(bucket.Key, bucket.Limit, cancellationToken);
        }

        /// <summary>The server answered "too many requests" for <paramref name="endpoint"/>: leave more room from now on.</summary>
        public void Throttled(string endpoint)
        {
            var bucket = BucketFor(endpoint);
            if (!bucket.Limit.IsUnlimited) _registry.Throttled(bucket.Key);
        }

        /// <summary>The registry key of an endpoint: equal keys share one schedule.</summary>
        internal string KeyFor(string endpoint) => BucketFor(endpoint).Key;

        private Bucket BucketFor(string endpoint) => _buckets.GetOrAdd(endpoint, e => new Bucket(_scope, e, _limitFor(e)));

        private sealed class Bucket
        {
            public Bucket(string scope, string endpoint, RateLimit limit)
            {
                Limit = limit;
                Key = scope + " " + endpoint.ToUpperInvariant() + " " + limit;
            }

            public string Key { get; }

            public RateLimit Limit { get; }
        }
    }
}
