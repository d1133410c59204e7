using System;
using System.Threading;
using System.Threading.Tasks;

namespace ApprovalTools.Core.Http
{
    /// <summary>A fetched access token and how long the server said it lives.</summary>
    public sealed class IssuedToken
    {
        public IssuedToken(string value, TimeSpan lifetime)
        {
            Value = value;
            Lifetime = lifetime;
        }

        public string Value { get; }
        public TimeSpan Lifetime { get; }
    }

    /// <summary>
    /// Caches one access token: fetched lazily, one fetch at a time, refreshed <see cref="RefreshMargin"/>
    /// before it expires, and dropped when the server rejects it (the SDKs' stale-token trap).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The gate is a SemaphoreSlim whose wait handle is never requested: it holds no unmanaged resource, and the cache lives as long as its connection.")]
    public sealed class TokenCache
    {
        private readonly Func<CancellationToken, Task<IssuedToken>> _fetch;
        private readonly Func<DateTimeOffset> _clock;
        private readonly SemaphoreSlim _fetchGate = new SemaphoreSlim(1, 1);
        private readonly object _gate = new object();
        private volatile Task<string>? _issued;     // the cached token as a completed task, handed out as it is
        private DateTimeOffset _refreshAt;

        public TokenCache(Func<CancellationToken, Task<IssuedToken>> fetch, Func<DateTimeOffset>? clock = null)
        {
            _fetch = fetch;
            _clock = clock ?? SystemClock.UtcNow;
        }

        /// <summary>Three minutes, as the official Go and Java SDKs do.</summary>
        public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(3);

        /// <summary>The cached token; while it is fresh, the same completed task (nothing is allocated per request).</summary>
        public Task<string> GetAsync(CancellationToken cancellationToken)
        {
            var current = _issued;
            if (current != null && _clock() < _refreshAt) return current;
            return FetchAsync(cancellationToken);
        }

        private async Task<string> FetchAsync(CancellationToken cancellationToken)
        {
            await _fetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var current = _issued;
                if (current != null && _clock() < _refreshAt) return current.Result;
                var issued = await _fetch(cancellationToken).ConfigureAwait(false);
                var margin = issued.Lifetime > RefreshMargin + RefreshMargin ? RefreshMargin : TimeSpan.FromTicks(issued.Lifetime.Ticks / 2);
                _refreshAt = _clock() + issued.Lifetime - margin;
                _issued = Task.FromResult(issued.Value);
                return issued.Value;
            }
            finally
            {
                _fetchGate.Release();
            }
        }

        /// <summary>Drops the token if it is still the cached one (another request may have refreshed it already).</summary>
        public void Invalidate(string token)
        {
            lock (_gate)
            {
                if (string.Equals(_issued?.Result, token, StringComparison.Ordinal)) _issued = null;
            }
        }
    }
}
