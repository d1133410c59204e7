using System;
using System.Collections.Generic;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>
    /// The Open Platform's tier-4 limit per endpoint and app: 50 requests per second and 1000 per minute, hitting either
    /// window is a 429. Counted as sliding windows over the admitted requests, the strictest reading of the documentation
    /// (the sandbox must never be friendlier than the service).
    /// </summary>
    internal sealed class EndpointRateLimit
    {
        private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

        private readonly object _gate = new object();
        private readonly Dictionary<string, Queue<DateTimeOffset>> _admitted = new Dictionary<string, Queue<DateTimeOffset>>(StringComparer.Ordinal);

        /// <summary>Requests per second per endpoint and app; 0 turns this window off.</summary>
        public int PerSecond { get; set; } = 50;

        /// <summary>Requests per minute per endpoint and app; 0 turns this window off.</summary>
        public int PerMinute { get; set; } = 1000;

        /// <summary>
        /// True when the request is allowed. Otherwise the cap of the window that refused it and the whole seconds until
        /// a request fits again (what x-ogw-ratelimit-limit and -reset carry).
        /// </summary>
        public bool TryAcquire(string key, DateTimeOffset now, out int windowLimit, out int resetSeconds)
        {
            windowLimit = 0;
            resetSeconds = 0;
            if (PerSecond <= 0 && PerMinute <= 0) return true;
            lock (_gate)
            {
                if (!_admitted.TryGetValue(key, out var times)) _admitted[key] = times = new Queue<DateTimeOffset>();
                var keep = PerMinute > 0 ? Minute : Second;
                while (times.Count > 0 && now - times.Peek() >= keep) times.Dequeue();
                if (PerMinute > 0 && times.Count >= PerMinute) return Refuse(PerMinute, times.Peek() + Minute - now, out windowLimit, out resetSeconds);
                if (PerSecond > 0 && CountSince(times, now - Second, PerSecond, out var oldest) >= PerSecond)
                    return Refuse(PerSecond, oldest + Second - now, out windowLimit, out resetSeconds);
                times.Enqueue(now);
                return true;
            }
        }

        /// <summary>Requests admitted after <paramref name="since"/>, counting from the newest and stopping at <paramref name="cap"/>.</summary>
        private static int CountSince(Queue<DateTimeOffset> times, DateTimeOffset since, int cap, out DateTimeOffset oldest)
        {
            oldest = default;
            if (times.Count < cap) return times.Count;
            // The queue is in arrival order; the cap-th newest decides (skip the older part).
            var n = 0;
            var skip = times.Count - cap;
            foreach (var t in times)
            {
                if (n++ < skip) continue;
                oldest = t;
                return t > since ? cap : 0;
            }
            return 0;
        }

        private static bool Refuse(int limit, TimeSpan untilFree, out int windowLimit, out int resetSeconds)
        {
            windowLimit = limit;
            resetSeconds = Math.Max(1, (int)Math.Ceiling(untilFree.TotalSeconds));
            return false;
        }
    }
}
