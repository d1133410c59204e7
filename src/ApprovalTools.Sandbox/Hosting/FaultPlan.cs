using System;
using System.Threading;
using System.Threading.Tasks;

namespace ApprovalTools.Sandbox.Hosting
{
    /// <summary>
    /// Faults to inject into one service's answers, changeable while the sandbox runs. Counters ("the next N
    /// requests") are consumed atomically, so concurrent clients see exactly N faults. Rates are rolled once per request
    /// from one seeded generator, in the order: outage, drop before acting, hang, 429, transient error, drop after acting.
    /// </summary>
    public sealed class FaultPlan
    {
        private readonly object _gate = new object();
        private Random _random = new Random(12345);
        private int _rateLimitBurst;
        private int _dropConnections;
        private int _transientErrors;
        private int _dropAfterActing;
        private int _hangs;
        private int _redirects;
        private Uri? _redirectTo;
        private int _holding;
        private TaskCompletionSource<bool> _release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Probability (0..1) that a request gets the service's transient error.</summary>
        public double ErrorRate { get; set; }

        /// <summary>Probability (0..1) that a request gets the service's 429 (with its reset header).</summary>
        public double RateLimitRate { get; set; }

        /// <summary>Probability (0..1) that a connection is cut before the service sees the request (nothing happens).</summary>
        public double DropRate { get; set; }

        /// <summary>Probability (0..1) that the service acts on the request and the connection is then cut (the answer is lost).</summary>
        public double DropAfterActingRate { get; set; }

        /// <summary>Probability (0..1) that the server accepts the request and never answers (see <see cref="HangFor"/>).</summary>
        public double HangRate { get; set; }

        /// <summary>How long a hung request is held before its connection is cut (the client should give up well before).</summary>
        public TimeSpan HangFor { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// Hung requests held right now: each is in flight for its client until <see cref="HangFor"/> ends or
        /// <see cref="ReleaseHeld"/> is called. A test waits on this, not on time, to act while requests are outstanding.
        /// </summary>
        public int Holding => Volatile.Read(ref _holding);

        /// <summary>Cuts the connection of every request held now (as when <see cref="HangFor"/> ends).</summary>
        public void ReleaseHeld() =>
            Interlocked.Exchange(ref _release, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(true);

        /// <summary>Holds one hung request until <paramref name="serverStop"/>, <see cref="ReleaseHeld"/> or <see cref="HangFor"/>.</summary>
        internal async Task HoldAsync(CancellationToken serverStop)
        {
            var released = Volatile.Read(ref _release).Task;
            Interlocked.Increment(ref _holding);
            try
            {
                await Task.WhenAny(Task.Delay(HangFor, serverStop), released).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _holding);
            }
        }

        /// <summary>While true the service is down: every connection is cut before the service sees the request.</summary>
        public bool Outage { get; set; }

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

        /// <summary>The next <paramref name="count"/> requests are acted on, then their connection is cut before the answer.</summary>
        public void DropAfterActingNext(int count) => Interlocked.Exchange(ref _dropAfterActing, count);

        /// <summary>The next <paramref name="count"/> requests are never answered (held for <see cref="HangFor"/>).</summary>
        public void HangNext(int count) => Interlocked.Exchange(ref _hangs, count);

        /// <summary>The next <paramref name="count"/> requests are answered 307 with this Location (another origin, say).</summary>
        public void RedirectNext(int count, Uri? location)
        {
            _redirectTo = location;
            Interlocked.Exchange(ref _redirects, location == null ? 0 : count);
        }

        public void Clear()
        {
            ErrorRate = RateLimitRate = DropRate = DropAfterActingRate = HangRate = 0;
            Outage = false;
            Latency = TimeSpan.Zero;
            RateLimitNext(0);
            DropNext(0);
            FailNext(0);
            DropAfterActingNext(0);
            HangNext(0);
            RedirectNext(0, null);
        }

        /// <summary>What the server does with one request instead of (or after) handing it to the service.</summary>
        internal Fault Decide(ISandboxService service, SandboxRequest request)
        {
            if (SparePathPrefix != null && request.Path.StartsWith(SparePathPrefix, StringComparison.Ordinal)) return Fault.None;
            if (Outage || Counter.Take(ref _dropConnections)) return Fault.Answer(SandboxResponse.Dropped());
            if (Counter.Take(ref _hangs)) return Fault.Hang;
            if (_redirectTo is Uri location && Counter.Take(ref _redirects))
            {
                return Fault.Answer(SandboxResponse.Json(307, new System.Text.Json.Nodes.JsonObject { ["msg"] = "moved" }).WithHeader("Location", location.AbsoluteUri));
            }
            if (Counter.Take(ref _rateLimitBurst)) return Fault.Answer(service.RateLimited(request));
            if (Counter.Take(ref _transientErrors)) return Fault.Answer(service.TransientError(request));
            if (Counter.Take(ref _dropAfterActing)) return Fault.DropAfterActing;

            var total = DropRate + HangRate + RateLimitRate + ErrorRate + DropAfterActingRate;
            if (total <= 0) return Fault.None;
            double roll;
            lock (_gate) roll = _random.NextDouble();
            if ((roll -= DropRate) < 0) return Fault.Answer(SandboxResponse.Dropped());
            if ((roll -= HangRate) < 0) return Fault.Hang;
            if ((roll -= RateLimitRate) < 0) return Fault.Answer(service.RateLimited(request));
            if ((roll -= ErrorRate) < 0) return Fault.Answer(service.TransientError(request));
            if ((roll -= DropAfterActingRate) < 0) return Fault.DropAfterActing;
            return Fault.None;
        }
    }

    /// <summary>One injected fault: an answer in place of the service's, a hang, or a lost answer after the service acted.</summary>
    internal sealed class Fault
    {
        public static readonly Fault None = new Fault(null, false, false);
        public static readonly Fault Hang = new Fault(null, true, false);
        public static readonly Fault DropAfterActing = new Fault(null, false, true);

        private Fault(SandboxResponse? response, bool hangs, bool dropsAfterActing)
        {
            Response = response;
            Hangs = hangs;
            DropsAfterActing = dropsAfterActing;
        }

        public SandboxResponse? Response { get; }

        public bool Hangs { get; }

        public bool DropsAfterActing { get; }

        public static Fault Answer(SandboxResponse response) => new Fault(response, false, false);
    }
}
