using System;
using System.Threading;

namespace ApprovalTools.Sandbox.Hosting
{
    /// <summary>
    /// Faults to inject into one service's answers, changeable while the sandbox runs. Counters ("the next N
    /// requests") are consumed atomically, so concurrent clients see exactly N faults.
    /// </summary>
    public sealed class FaultPlan
    {
        private readonly object _gate = new object();
        private Random _random = new Random(12345);
        private int _rateLimitBurst;
        private int _dropConnections;
        private int _transientErrors;

        /// <summary>Probability (0..1) that a request gets the service's transient error.</summary>
        public double ErrorRate { get; set; }

        /// <summary>Added to every answer of the service.</summary>
        public TimeSpan Latency { get; set; }

        /// <summary>Paths that faults never touch (e.g. the token endpoint), compared by prefix.</summary>
        public string? SparePathPrefix { get; set; }

        public void Seed(int seed)
        {
            lock (_gate) _random = new Random(seed);
        }

        /// <summary>The next <paramref name="count"/> requests get HTTP 429 with the service's rate-limit body.</summary>
        public void RateLimitNext(int count) => Interlocked.Exchange(ref _rateLimitBurst, count);

        /// <summary>The next <paramref name="count"/> requests have their connection aborted without an answer.</summary>
        public void DropNext(int count) => Interlocked.Exchange(ref _dropConnections, count);

        /// <summary>The next <paramref name="count"/> requests get the service's transient error.</summary>
        public void FailNext(int count) => Interlocked.Exchange(ref _transientErrors, count);

        public void Clear()
        {
            ErrorRate = 0;
            Latency = TimeSpan.Zero;
            RateLimitNext(0);
            DropNext(0);
            FailNext(0);
        }

        internal SandboxResponse? Apply(ISandboxService service, SandboxRequest request)
        {
            if (SparePathPrefix != null && request.Path.StartsWith(SparePathPrefix, StringComparison.Ordinal)) return null;
            if (Take(ref _dropConnections)) return SandboxResponse.Dropped();
            if (Take(ref _rateLimitBurst)) return service.RateLimited(request);
            if (Take(ref _transientErrors)) return service.TransientError(request);
            if (ErrorRate > 0)
            {
                double roll;
                lock (_gate) roll = _random.NextDouble();
                if (roll < ErrorRate) return service.TransientError(request);
            }
            return null;
        }

        private static bool Take(ref int counter)
        {
            while (true)
            {
                var current = Volatile.Read(ref counter);
                if (current <= 0) return false;
                if (Interlocked.CompareExchange(ref counter, current - 1, current) == current) return true;
            }
        }
    }
}
