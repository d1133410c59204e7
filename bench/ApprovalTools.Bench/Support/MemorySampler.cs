using System.Diagnostics;

namespace ApprovalTools.Bench.Support
{
    /// <summary>
    /// Samples the process while a scenario runs: managed heap (GC.GetTotalMemory(false), garbage included) and
    /// working set every 10 ms, keeping the maxima; plus allocated bytes over the run. Checkpoint() forces a full
    /// GC and records the live heap, which is what shows whether memory grows with the number of items.
    /// </summary>
    internal sealed class MemorySampler : IDisposable
    {
        private readonly Timer _timer;
        private readonly long _allocatedAtStart;
        private readonly Stopwatch _checkpointTime = new Stopwatch();
        private long _peakHeap;
        private long _peakWorkingSet;

        private MemorySampler()
        {
            _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
            Sample();
            _timer = new Timer(_ => Sample(), null, 0, 10);
        }

        /// <summary>Collects first, so each scenario starts from the same floor.</summary>
        public static MemorySampler Start()
        {
            FullCollect();
            return new MemorySampler();
        }

        public long PeakHeap => Interlocked.Read(ref _peakHeap);

        public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

        public long Allocated => GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;

        /// <summary>Time spent in checkpoints (forced GCs), to take out of the throughput figures.</summary>
        public TimeSpan CheckpointTime => _checkpointTime.Elapsed;

        /// <summary>Live managed heap after a full blocking GC (what is really retained at this point).</summary>
        public long Checkpoint()
        {
            _checkpointTime.Start();
            try
            {
                Sample();
                return FullCollect();
            }
            finally
            {
                _checkpointTime.Stop();
            }
        }

        public static long FullCollect()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return GC.GetTotalMemory(false);
        }

        private void Sample()
        {
            Max(ref _peakHeap, GC.GetTotalMemory(false));
            Max(ref _peakWorkingSet, Environment.WorkingSet);
        }

        private static void Max(ref long field, long value)
        {
            long seen;
            while (value > (seen = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen) { }
        }

        public void Dispose()
        {
            using var done = new ManualResetEvent(false);
            _timer.Dispose(done);
            done.WaitOne();
            Sample();
        }

        public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }
}
