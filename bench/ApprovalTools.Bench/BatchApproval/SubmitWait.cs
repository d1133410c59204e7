using System.Diagnostics;
using System.Globalization;
using ApprovalTools.Bench.Support;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Sandbox;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Bench.BatchApproval
{
    /// <summary>
    /// Submit-BatchApproval -Wait (SubmitBatchApprovalOperation): N lazily generated task ids, _check and _submit in
    /// chunks of 200, then progress polled (every 100 ms, backing off to 1 s) until every batch is processed. The
    /// sandbox processes 20 000 tasks/s, so the figure is the client's cost plus about N/20 000 s of server work.
    /// </summary>
    internal sealed class SubmitWait : IBenchmark
    {
        private const string User = "ou_bench_user";
        private const double TasksPerSecond = 20000;

        public string Name => "submit";

        public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var n = context.Options.Quick ? 1000 : 10000;
            var output = context.Output;
            Run(400, cancellationToken); // warm-up
            var r = Run(n, cancellationToken);
            output.WriteLine($"submit: Submit-BatchApproval -Wait over {n} lazily generated task ids (chunks of {BatchLimits.MaxTaskIdsPerCall}), sandbox processing {TasksPerSecond:F0} tasks/s");
            output.WriteLine($"  {"total s",7} {"ids/s",6} {"_check",6} {"_submit",7} {"polls",5} {"KB/id",6} {"peak heap MB",12} {"peak WS MB",10} {"live@20% MB",11} {"live@end MB",11} {"growth B/id",11} {"op holds MB",11}  outcome");
            output.WriteLine($"  {r.Seconds,7:F2} {n / r.Seconds,6:F0} {r.Checks,6} {r.Submits,7} {r.Polls,5} {r.AllocatedPerItem / 1024.0,6:F1} {MemorySampler.Mb(r.PeakHeap),12} {MemorySampler.Mb(r.PeakWorkingSet),10} "
                + $"{MemorySampler.Mb(r.LiveFirst),11} {MemorySampler.Mb(r.LiveLast),11} {r.GrowthPerItem,11:F0} {MemorySampler.Mb(r.OperationHolds),11}  {r.Outcome}");
            return Task.CompletedTask;
        }

        private sealed class Result
        {
            public double Seconds;
            public int Checks;
            public int Submits;
            public int Polls;
            public double AllocatedPerItem;
            public long PeakHeap;
            public long PeakWorkingSet;
            public long LiveFirst;
            public long LiveLast;
            public double GrowthPerItem;
            public long OperationHolds;
            public string Outcome = string.Empty;
        }

        private static void CountCalls(SandboxHost sandbox, Result result)
        {
            var journal = sandbox.Server.Journal;
            result.Checks = journal.Count(r => r.Method == "POST" && r.Path == "/batch_approvals/_check");
            result.Submits = journal.Count(r => r.Method == "POST" && r.Path == "/batch_approvals/_submit");
            result.Polls = journal.Count(r => r.Method == "GET" && r.Path == "/batch_approvals/_submit");
        }

        private static IEnumerable<object> TaskIds(int count, int every, Action<int> checkpoint)
        {
            for (var i = 1; i <= count; i++)
            {
                yield return "task-" + i.ToString("D7", CultureInfo.InvariantCulture);
                if (i % every == 0 || i == count) checkpoint(i);
            }
        }

        private static Result Run(int n, CancellationToken cancellationToken)
        {
            const string token = "bench-batch-token-0123456789";
            using var sandbox = SandboxHost.Start(new SandboxSettings { BatchToken = token });
            sandbox.Batch.TasksPerSecond = TasksPerSecond;
            using var connection = Connector.Create(new BatchApprovalConnectionOptions { BaseUri = sandbox.BaseUri, Token = new Secret(token), IsSandbox = true });
            var live = new List<(int Items, long Live)>();
            var sink = new CountingSink(cancellationToken);
            var result = new Result();
            using (var memory = MemorySampler.Start())
            {
                var options = new SubmitBatchApprovalOptions(User)
                {
                    Wait = true,
                    WaitOptions = new BatchWaitOptions { PollInterval = TimeSpan.FromMilliseconds(100), MaxPollInterval = TimeSpan.FromSeconds(1) },
                };
                var held = new Held<SubmitBatchApprovalOperation>();
                var elapsed = Retention.Drive(held,
                    () => new SubmitBatchApprovalOperation(connection, options, sink),
                    op =>
                    {
                        var watch = Stopwatch.StartNew();
                        foreach (var id in TaskIds(n, n / 5, i => live.Add((i, memory.Checkpoint())))) op.Add(id);
                        op.Complete();
                        return watch.Elapsed;
                    });
                result.Seconds = (elapsed - memory.CheckpointTime).TotalSeconds;
                result.AllocatedPerItem = memory.Allocated / (double)n;
                CountCalls(sandbox, result);
                result.OperationHolds = Retention.Measure(held);
                result.PeakHeap = memory.PeakHeap;
                result.PeakWorkingSet = memory.PeakWorkingSet;
            }
            result.LiveFirst = live[0].Live;
            result.LiveLast = live[live.Count - 1].Live;
            result.GrowthPerItem = live.Count < 2 ? 0 : (result.LiveLast - result.LiveFirst) / (double)(live[live.Count - 1].Items - live[0].Items);
            result.Outcome = sink.Summary();
            return result;
        }
    }
}
