using System.Diagnostics;
using ApprovalTools.Bench.Support;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Sandbox;
using ApprovalTools.Sandbox.Approval;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Bench.Approval
{
    /// <summary>
    /// Sync-ExternalInstance with default settings everywhere (sandbox 50 requests/s per endpoint, the connection's
    /// client-side limit of 50/s) and -ThrottleLimit 16 pushing: the create requests the server receives per second,
    /// read from the sandbox journal, must stay at or under 50, with no 429.
    /// </summary>
    internal sealed class SyncRateLimit : IBenchmark
    {
        private const int Limit = 50;

        public string Name => "sync-rate";

        public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var n = context.Options.Quick ? 100 : 300;
            const int throttle = 16;
            var output = context.Output;
            using var sandbox = SandboxHost.Start(new SandboxSettings { ApprovalDefinitions = { InstanceSource.ApprovalCode } });
            var statuses = new StatusCounter();
            using var connection = FeishuBench.Connect(sandbox, statuses, Limit, cancellationToken);
            var sink = new CountingSink(cancellationToken);
            var op = new SyncExternalInstanceOperation(connection, sink, new SyncExternalInstanceOptions { Mode = UpdateMode.Update, ThrottleLimit = throttle });
            var watch = Stopwatch.StartNew();
            foreach (var item in InstanceSource.Instances(n, "rate-")) op.Process(item);
            op.Complete();
            watch.Stop();

            var arrivals = sandbox.Server.Journal.Where(r => r.Path == ApprovalService.CreatePath).Select(r => r.ReceivedAt).ToList();
            output.WriteLine($"sync-rate: {n} instances, default limits (sandbox {sandbox.Approval.RequestsPerSecond}/s per endpoint, client {Limit}/s), throttle {throttle}");
            output.WriteLine($"  {"inst/s",7} {"creates",7} {"avg req/s",9} {"after burst",11} {"max in a calendar s",19} {"max in any 1 s",14} {"429s",5}  outcome");
            output.WriteLine($"  {n / watch.Elapsed.TotalSeconds,7:F1} {arrivals.Count,7} {RateWindows.Average(arrivals),9:F1} {RateWindows.AfterBurst(arrivals),11:F1} {RateWindows.MaxPerCalendarSecond(arrivals),19} {RateWindows.MaxInAnySecond(arrivals),14} {statuses.Count(429),5}  {sink.Summary()}");
            return Task.CompletedTask;
        }
    }
}
