using System;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// The send times taken for one (service, app, endpoint), as a sliding log per window: a request may go now only when
    /// each window of length W (plus a margin) holds fewer than its N permits; otherwise it learns how long to wait and
    /// asks again. Times are recorded when a request really goes, not planned ahead, so a waiter that wakes late (a GC
    /// pause, a busy machine) delays the rest instead of bunching them. Times never decrease, so the N-th most recent is
    /// the oldest entry of a ring of N, and the (k+N)-th time is at least W after the k-th: no span of length W ever holds
    /// more than N. Pure arithmetic on ticks, no clock: tests drive it with made-up times.
    /// </summary>
    internal sealed class RateSchedule
    {
        /// <summary>
        /// Added to every window: a request reaches the server some milliseconds after its slot, and two requests N apart
        /// can be delayed differently. 40 ms keeps 96 % of a per-second limit; a minute gets one second more.
        /// </summary>
        public static readonly TimeSpan SecondMargin = TimeSpan.FromMilliseconds(40);
        public static readonly TimeSpan MinuteMargin = TimeSpan.FromSeconds(1);

        /// <summary>Added to every window for each throttled answer, up to <see cref="MaxExtraMargin"/>; worn off by successful takes.</summary>
        public static readonly TimeSpan ThrottleStep = TimeSpan.FromMilliseconds(50);
        public static readonly TimeSpan MaxExtraMargin = TimeSpan.FromMilliseconds(400);
        private static readonly long DecayPerTake = TimeSpan.FromMilliseconds(0.2).Ticks;

        private readonly Window[] _windows;
        private long _last = long.MinValue;
        private long _extra;

        public RateSchedule(RateLimit limit)
        {
            if (limit.IsUnlimited) throw new ArgumentException("An unlimited endpoint needs no schedule.", nameof(limit));
            _windows = limit.PerSecond > 0 && limit.PerMinute > 0
                ? new[] { new Window(limit.PerSecond, TimeSpan.FromSeconds(1) + SecondMargin), new Window(limit.PerMinute, TimeSpan.FromMinutes(1) + MinuteMargin) }
                : new[] { limit.PerSecond > 0 ? new Window(limit.PerSecond, TimeSpan.FromSeconds(1) + SecondMargin) : new Window(limit.PerMinute, TimeSpan.FromMinutes(1) + MinuteMargin) };
            Span = limit.PerMinute > 0 ? TimeSpan.FromMinutes(1) + MinuteMargin : TimeSpan.FromSeconds(1) + SecondMargin;
        }

        /// <summary>The longest window: a schedule whose last slot is older than this holds no state that matters.</summary>
        public TimeSpan Span { get; }

        /// <summary>Ticks of the latest request taken, or <see cref="long.MinValue"/>.</summary>
        public long LastSlot => _last;

        /// <summary>
        /// Takes a permit at <paramref name="now"/> (ticks, never less than an earlier call's) when every window has one;
        /// otherwise takes nothing and says how many ticks until one frees up.
        /// </summary>
        public bool TryTake(long now, out long wait)
        {
            var earliest = now;
            foreach (var window in _windows) earliest = Math.Max(earliest, window.EarliestNext(_extra));
            if (earliest > now)
            {
                wait = earliest - now;
                return false;
            }
            foreach (var window in _windows) window.Record(now);
            _last = now;
            _extra = Math.Max(0, _extra - DecayPerTake);
            wait = 0;
            return true;
        }

        /// <summary>The margin in use on top of the documented windows (grows when the server throttles anyway).</summary>
        public TimeSpan ExtraMargin => TimeSpan.FromTicks(_extra);

        /// <summary>
        /// The server refused a request although the client kept the windows: requests reach it later than they leave
        /// (a loaded machine, a slow network), by more than the margin. Widen every window a step.
        /// </summary>
        public void Throttled() => _extra = Math.Min(_extra + ThrottleStep.Ticks, MaxExtraMargin.Ticks);

        private sealed class Window
        {
            private readonly long[] _slots;
            private readonly long _length;
            private int _oldest;
            private int _count;

            public Window(int permits, TimeSpan length)
            {
                _slots = new long[permits];
                _length = length.Ticks;
            }

            public long EarliestNext(long extra) => _count < _slots.Length ? long.MinValue : _slots[_oldest] + _length + extra;

            public void Record(long slot)
            {
                if (_count < _slots.Length)
                {
                    _slots[(_oldest + _count) % _slots.Length] = slot;
                    _count++;
                    return;
                }
                _slots[_oldest] = slot;
                _oldest = (_oldest + 1) % _slots.Length;
            }
        }
    }
}
