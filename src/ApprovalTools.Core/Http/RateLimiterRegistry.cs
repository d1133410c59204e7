using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// One <see cref="RateSchedule"/> per (service, base URI, app or plugin, endpoint, limit) for the whole process, so
    /// every connection and runspace that talks to the same app shares the server's budget instead of multiplying it
    /// (two Connect-Feishu to one app, ForEach-Object -Parallel, a runbook that reconnects).
    /// A schedule idle for longer than its longest window holds nothing that matters any more and is dropped.
    /// </summary>
    /// <remarks>
    /// Hand-written rather than System.Threading.RateLimiting: Feishu counts two windows at once (50/s and 1000/min), and
    /// chaining two library limiters releases the requests queued on the minute window all at once when it refills,
    /// which breaks the second window; their segmented sliding window also loses up to a segment of the rate.
    /// </remarks>
    public sealed class RateLimiterRegistry
    {
        public static RateLimiterRegistry Shared { get; } = new RateLimiterRegistry(Stopwatch.StartNew());

        private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        private readonly Func<TimeSpan> _elapsed;

        /// <param name="elapsed">A monotonic clock; tests pass one they move by hand.</param>
        public RateLimiterRegistry(Func<TimeSpan> elapsed) => _elapsed = elapsed;

        private RateLimiterRegistry(Stopwatch watch) : this(() => watch.Elapsed)
        {
        }

        /// <summary>Schedules currently kept (idle ones are dropped when a new one is added).</summary>
        public int Count => _entries.Count;

        /// <summary>Waits until <paramref name="key"/> has a permit and takes it.</summary>
        public Task WaitAsync(string key, RateLimit limit, CancellationToken cancellationToken)
        {
            var wait = TryTake(key, limit);
            return wait == TimeSpan.Zero ? Task.CompletedTask : WaitLoopAsync(key, limit, wait, cancellationToken);
        }

        private async Task WaitLoopAsync(string key, RateLimit limit, TimeSpan wait, CancellationToken cancellationToken)
        {
            do
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                wait = TryTake(key, limit);
            }
            while (wait > TimeSpan.Zero);
        }

        /// <summary>Takes a permit for <paramref name="key"/> now and returns zero, or returns how long until one frees up.</summary>
        public TimeSpan TryTake(string key, RateLimit limit)
        {
            while (true)
            {
                var entry = _entries.TryGetValue(key, out var found) ? found : Add(key, limit);
                lock (entry)
                {
                    if (entry.Evicted) continue;
                    // At least a millisecond: Task.Delay rounds shorter waits down to none.
                    return entry.Schedule.TryTake(Now(), out var wait) ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(wait, TimeSpan.TicksPerMillisecond));
                }
            }
        }

        /// <summary>The server throttled a request of <paramref name="key"/>: its schedule widens its windows a step.</summary>
        public void Throttled(string key)
        {
            if (!_entries.TryGetValue(key, out var entry)) return;
            lock (entry) entry.Schedule.Throttled();
        }

        private long Now() => _elapsed().Ticks;

        private Entry Add(string key, RateLimit limit)
        {
            DropIdle();
            return _entries.GetOrAdd(key, _ => new Entry(new RateSchedule(limit)));
        }

        private void DropIdle()
        {
            var now = Now();
            foreach (var pair in _entries)
            {
                var entry = pair.Value;
                lock (entry)
                {
                    var last = entry.Schedule.LastSlot;
                    if (last != long.MinValue && now - last <= entry.Schedule.Span.Ticks) continue;
                    entry.Evicted = true;
                    _entries.TryRemove(pair.Key, out _);
                }
            }
        }

        private sealed class Entry
        {
            public Entry(RateSchedule schedule) => Schedule = schedule;

            public RateSchedule Schedule { get; }

            /// <summary>Set under the entry's lock when it leaves the registry; a caller holding it looks the key up again.</summary>
            public bool Evicted { get; set; }
        }
    }
}
