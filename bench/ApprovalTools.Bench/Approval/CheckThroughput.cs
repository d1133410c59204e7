using System.Diagnostics;
using ApprovalTools.Bench.Support;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Sandbox;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Bench.Approval
{
    /// <summary>
    /// Test-ExternalInstance (TestExternalInstanceOperation): N lazily built instances checked in calls of BatchSize,
    /// -ThrottleLimit 4, rate limits off. The sandbox starts empty, so every instance comes back as InstanceMissing:
    /// the worst case, one diff object per input. Checkpoints as in the sync benchmark.
    /// </summary>
    internal sealed class CheckThroughput : IBenchmark
    {
        /// <summary>Items between two clearings of the in-process sandbox's state (independent of N, so peaks compare).</summary>
        private const int ClearEvery = 100;

        public string Name => "check";

        public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var n = context.Options.Quick ? 2000 : 20000;
            const int throttle = 4;
            var output = context.Output;
            output.WriteLine($"check: Test-ExternalInstance over {n} lazily generated instances (all missing on the server: one diff each), throttle {throttle}, rate limits off");
            output.WriteLine("  at the services' default 50 calls/s the ceiling would be 50 x BatchSize instances/s");
            output.WriteLine($"  {"batch",5} {"calls",6} {"inst/s",7} {"KB/inst",8} {"peak heap MB",12} {"peak WS MB",10} {"live@10% MB",11} {"live@end MB",11} {"growth B/inst",13} {"op holds MB",11}  outcome");
            Run(context.Options.Quick ? 200 : 1000, 50, throttle, cancellationToken); // warm-up
            foreach (var batch in new[] { 50, 100 })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var r = Run(n, batch, throttle, cancellationToken);
                output.WriteLine($"  {batch,5} {r.Calls,6} {FeishuBench.Rate(r.PerSecond),7} {r.AllocatedPerItem / 1024.0,8:F1} {MemorySampler.Mb(r.PeakHeap),12} {MemorySampler.Mb(r.PeakWorkingSet),10} "
                    + $"{MemorySampler.Mb(r.LiveFirst),11} {MemorySampler.Mb(r.LiveLast),11} {r.GrowthPerItem,13:F0} {MemorySampler.Mb(r.OperationHolds),11}  {r.Outcome}");
            }
            return Task.CompletedTask;
        }

        private sealed class Result
        {
            public long Calls;
            public double PerSecond;
            public double AllocatedPerItem;
            public long PeakHeap;
            public long PeakWorkingSet;
            public long LiveFirst;
            public long LiveLast;
            public double GrowthPerItem;
            public long OperationHolds;
            public string Outcome = string.Empty;
        }

        private static Result Run(int n, int batchSize, int throttle, CancellationToken cancellationToken)
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
                var held = new Held<TestExternalInstanceOperation>();
                var before = statuses.Total;
                var elapsed = Retention.Drive(held,
                    () => new TestExternalInstanceOperation(connection, sink, new TestExternalInstanceOptions { BatchSize = batchSize, ThrottleLimit = throttle }),
                    op =>
                    {
                        var watch = Stopwatch.StartNew();
                        foreach (var item in InstanceSource.Instances(n, "check-", ClearEvery, i =>
                        {
                            sandbox.Server.ClearJournal();
                            if (i % (n / 10) == 0 || i == n) live.Add((i, memory.Checkpoint()));
                        }))
                        {
                            op.Process(item);
                        }
                        op.Complete();
                        return watch.Elapsed;
                    });
                result.Calls = statuses.Total - before;
                result.PerSecond = n / (elapsed - memory.CheckpointTime).TotalSeconds;
                result.AllocatedPerItem = memory.Allocated / (double)n;
                sandbox.Server.ClearJournal();
                result.OperationHolds = Retention.Measure(held);
                result.PeakHeap = memory.PeakHeap;
                result.PeakWorkingSet = memory.PeakWorkingSet;
            }
            result.LiveFirst = live[0].Live;
            result.LiveLast = live[live.Count - 1].Live;
            result.GrowthPerItem = FeishuBench.GrowthPerItem(live);
            result.Outcome = sink.Summary();
            return result;
        }
    }
}
