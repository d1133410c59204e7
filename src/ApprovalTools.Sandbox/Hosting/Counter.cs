using System.Threading;

namespace ApprovalTools.Sandbox.Hosting
{
    /// <summary>"The next N requests" counters, consumed atomically so concurrent clients see exactly N.</summary>
    internal static class Counter
    {
        /// <summary>Takes one from a positive counter; false when it is used up.</summary>
        public static bool Take(ref int counter)
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
