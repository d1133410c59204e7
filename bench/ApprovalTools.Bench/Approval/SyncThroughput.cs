using System.Diagnostics;
using ApprovalTools.Bench.Support;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Sandbox;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Bench.Approval
{
    /// <summary>
    /// Sync-ExternalInstance (SyncExternalInstanceOperation, UPDATE) end to end over loopback HTTP: N lazily built
    /// instances, several -ThrottleLimit values, rate limits off on both sides (the sandbox's 50/s and the client's).
    /// Every 100 items the bench clears the sandbox's stored instances and request journal (they live in this
    /// process and would otherwise grow with N; every id is new, so the client sees the same answers); ten times per run it records the
    /// live managed heap after a full GC: if it grows from the first to the last checkpoint, something keeps per-item state.
    /// At the end it measures what the operation object itself still holds (heap with it minus heap without it).
    /// </summary>
    internal sealed class SyncThroughput : IBenchmark
    {
        /// <summary>Items between two clearings of the in-process sandbox's state (independent of N, so peaks compare).</summary>
        private const int ClearEvery = 100;

        public string Name => "sync";

        public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var o = context.Options;
            var output = context.Output;
            var sizes = o.Quick ? new[] { 500, 3000 } : new[] { 2000, 20000 };
            var throttles = o.Quick ? new[] { 4 } : new[] { 1, 4, 16 };
            output.WriteLine("sync: Sync-ExternalInstance -Mode Update, lazily generated input (2 tasks + 1 cc each), rate limits off (sandbox 0/s, client 0/s)");
            output.WriteLine("  KB/inst = managed bytes allocated per instance, client and in-process sandbox together; live = heap after a full GC");
            output.WriteLine($"  {"N",6} {"throttle",8} {"inst/s",7} {"KB/inst",8} {"peak heap MB",12} {"peak WS MB",10} {"live@10% MB",11} {"live@end MB",11} {"growth B/inst",13} {"op holds MB",11} {"429s",5}  outcome");
            Warm(cancellationToken);
            var held = new List<(int N, long LastSend, long Ledger)>();
            foreach (var n in sizes)
            {
                foreach (var throttle in throttles)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var r = Run(n, throttle, cancellationToken);
                    output.WriteLine($"  {n,6} {throttle,8} {FeishuBench.Rate(r.PerSecond),7} {r.AllocatedPerItem / 1024.0,8:F1} {MemorySampler.Mb(r.PeakHeap),12} {MemorySampler.Mb(r.PeakWorkingSet),10} "
                        + $"{MemorySampler.Mb(r.LiveFirst),11} {MemorySampler.Mb(r.LiveLast),11} {r.GrowthPerItem,13:F0} {MemorySampler.Mb(r.OperationHolds),11} {r.RateLimited,5}  {r.Outcome}");
                    held.Add((n, r.HeldByLastSend, r.HeldByLedger));
                }
            }
            output.WriteLine("  what a finished operation still holds, by field (B/instance): " + string.Join(", ", held.GroupBy(h => h.N)
                .Select(g => $"N {g.Key}: _lastSend {g.Average(h => h.LastSend) / g.Key:F0}, RunLedger {g.Average(h => h.Ledger) / g.Key:F0}")));
            var client = ClientOnly(sizes[sizes.Length - 1], 4, cancellationToken);
            output.WriteLine($"  client alone (no HTTP, canned answers; N {sizes[sizes.Length - 1]}, throttle 4): {FeishuBench.Rate(client.PerSecond)} inst/s, {client.AllocatedPerItem / 1024.0:F1} KB/inst allocated, {client.Outcome}");
            output.WriteLine($"  client steps per instance (one thread): {ClientSteps.Measure(o.Quick ? 500 : 5000)}");
            return Task.CompletedTask;
        }

        /// <summary>The same operation over <see cref="CannedFeishuHandler"/>: what the client costs without server and sockets.</summary>
        private static Result ClientOnly(int n, int throttle, CancellationToken cancellationToken)
        {
            using var connection = FeishuBench.Connect(new Uri("http://127.0.0.1:9/"), "canned", new CannedFeishuHandler(), 0, cancellationToken);
            var sink = new CountingSink(cancellationToken);
            var result = new Result();
            using var memory = MemorySampler.Start();
            var op = new SyncExternalInstanceOperation(connection, sink, new SyncExternalInstanceOptions { Mode = UpdateMode.Update, ThrottleLimit = throttle });
            var watch = Stopwatch.StartNew();
            foreach (var item in InstanceSource.Instances(n, "canned-")) op.Process(item);
            op.Complete();
            watch.Stop();
            result.PerSecond = n / watch.Elapsed.TotalSeconds;
            result.AllocatedPerItem = memory.Allocated / (double)n;
            result.Outcome = sink.Summary();
            return result;
        }

        /// <summary>JIT and connection pool warm-up, not measured.</summary>
        private static void Warm(CancellationToken cancellationToken) => Run(300, 4, cancellationToken);

        internal sealed class Result
        {
            public double PerSecond;
            public double AllocatedPerItem;
            public long PeakHeap;
            public long PeakWorkingSet;
            public long LiveFirst;
            public long LiveLast;
            public double GrowthPerItem;
            public long OperationHolds;
            public long HeldByLastSend;
            public long HeldByLedger;
            public long RateLimited;
            public string Outcome = string.Empty;
        }

        private static Result Run(int n, int throttle, CancellationToken cancellationToken)
        {
            using var sandbox = SandboxHost.Start(new SandboxSettings { ApprovalDefinitions = { InstanceSource.ApprovalCode } });
            sandbox.Approval.RequestsPerSecond = 0;
            sandbox.Approval.RequestsPerMinute = 0;
            var statuses = new StatusCounter();
            using var connection = FeishuBench.Connect(sandbox, statuses, 0, cancellationToken);
            var live = new List<(int Items, long Live)>();
            var sink = new CountingSink(cancellationToken);
            var result = new Result();
            using (var memory = MemorySampler.Start())
            {
                var held = new Held<SyncExternalInstanceOperation>();
                var elapsed = Retention.Drive(held,
                    () => new SyncExternalInstanceOperation(connection, sink, new SyncExternalInstanceOptions { Mode = UpdateMode.Update, ThrottleLimit = throttle }),
                    op =>
                    {
                        var watch = Stopwatch.StartNew();
                        foreach (var item in InstanceSource.Instances(n, "sync-", ClearEvery, i =>
                        {
                            sandbox.Approval.Reset();
                            sandbox.Server.ClearJournal();
                            if (i % (n / 10) == 0 || i == n) live.Add((i, memory.Checkpoint()));
                        }))
                        {
                            op.Process(item);
                        }
                        op.Complete();
                        return watch.Elapsed;
                    });
                result.PerSecond = n / (elapsed - memory.CheckpointTime).TotalSeconds;
                result.AllocatedPerItem = memory.Allocated / (double)n;
                sandbox.Approval.Reset();
                sandbox.Server.ClearJournal();
                (result.HeldByLastSend, result.HeldByLedger) = SyncStateProbe.Split(held);
                result.OperationHolds = result.HeldByLastSend + result.HeldByLedger + Retention.Measure(held);
                result.PeakHeap = memory.PeakHeap;
                result.PeakWorkingSet = memory.PeakWorkingSet;
            }
            if (Environment.GetEnvironmentVariable("BENCH_TRACE") == "1") Console.WriteLine("    checkpoints: " + string.Join(" ", live.Select(l => $"{l.Items}:{MemorySampler.Mb(l.Live)}")));
            result.LiveFirst = live[0].Live;
            result.LiveLast = live[live.Count - 1].Live;
            result.GrowthPerItem = FeishuBench.GrowthPerItem(live);
            result.RateLimited = statuses.Count(429);
            result.Outcome = sink.Summary();
            return result;
        }
    }
}
