using System.Diagnostics;

namespace ApprovalTools.Bench.Faults
{
    /// <summary>
    /// The fault suite at full size: 2,000 syncs, 2,000 node confirms and 2,000 batch task ids under 20 % mixed faults,
    /// then an outage and a redirect, per service (see <see cref="FaultSuite"/>).
    /// </summary>
    internal sealed class FaultRun : IBenchmark
    {
        public string Name => "faults";

        public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var n = context.Options.Quick ? 100 : 2000;
            var output = context.Output;
            output.WriteLine($"faults: {n} items per service, 20 % of requests faulted (5 % 5xx, 5 % 429 with reset, 4 % reset before acting, 4 % after acting, 2 % hang), attempt timeout 1 s, throttle 8; then an outage, then a 307 to another origin");
            output.WriteLine($"  {"service",-8} {"items",5} {"ok",5} {"errors",6} {"!=1 record",10} {"applied 2x",10} {"missing",7} {"requests",8} {"time s",6} | {"outage items",12} {"CircuitOpen",11} {"requests",8} {"time s",6} | redirect");
            foreach (var run in new Func<FaultReport>[] { () => FaultSuite.Approval(n, 8, 11), () => FaultSuite.Project(n, 8, 12), () => FaultSuite.Batch(n, 13) })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var r = run();
                output.WriteLine($"  {r.Service,-8} {r.Items,5} {r.Succeeded,5} {r.Failed,6} {r.NotExactlyOnce.Count,10} {r.AppliedTwice.Count,10} {r.ReportedButMissing.Count,7} {r.Requests,8} {r.Elapsed.TotalSeconds,6:F1} | "
                    + $"{r.OutageItems,12} {r.OutageCircuitOpen,11} {r.OutageRequests,8} {r.OutageElapsed.TotalSeconds,6:F1} | {r.RedirectOutcome}, {r.RedirectLeaks} leaked");
                if (r.ErrorIds.Count > 0) output.WriteLine($"  {"",-8} errors: {string.Join(", ", r.ErrorIds.Select(e => $"{e.Key} {e.Value}"))}");
            }
            return Task.CompletedTask;
        }
    }
}
