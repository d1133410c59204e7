namespace ApprovalTools.Bench.Support
{
    /// <summary>What a server that counts requests per second sees, from the arrival times in the sandbox journal.</summary>
    internal static class RateWindows
    {
        /// <summary>Most requests in one calendar second (how the sandbox's Feishu limiter counts).</summary>
        public static int MaxPerCalendarSecond(IEnumerable<DateTimeOffset> arrivals) =>
            arrivals.GroupBy(t => t.ToUnixTimeSeconds()).Select(g => g.Count()).DefaultIfEmpty(0).Max();

        /// <summary>Most requests in any window of one second (the strictest reading of "N per second").</summary>
        public static int MaxInAnySecond(IEnumerable<DateTimeOffset> arrivals)
        {
            var times = arrivals.OrderBy(t => t).ToArray();
            var best = 0;
            var start = 0;
            for (var end = 0; end < times.Length; end++)
            {
                while (times[end] - times[start] >= TimeSpan.FromSeconds(1)) start++;
                best = Math.Max(best, end - start + 1);
            }
            return best;
        }

        /// <summary>
        /// Rate without the opening burst: a limiter starts with a full window, so the requests of the first second are
        /// taken out of the count (not out of the span): (all - those in the first second) / (last - first arrival).
        /// </summary>
        public static double AfterBurst(IReadOnlyCollection<DateTimeOffset> arrivals)
        {
            if (arrivals.Count < 2) return 0;
            var first = arrivals.Min();
            var span = (arrivals.Max() - first).TotalSeconds;
            var burst = arrivals.Count(t => t < first + TimeSpan.FromSeconds(1));
            return span <= 0 ? 0 : (arrivals.Count - burst) / span;
        }

        /// <summary>Requests per second over the span from the first to the last arrival.</summary>
        public static double Average(IReadOnlyCollection<DateTimeOffset> arrivals)
        {
            if (arrivals.Count < 2) return 0;
            var span = (arrivals.Max() - arrivals.Min()).TotalSeconds;
            return span <= 0 ? 0 : (arrivals.Count - 1) / span;
        }
    }
}
