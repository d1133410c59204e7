using System.Diagnostics;
using System.Globalization;
using ApprovalTools.Bench.Support;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Project.Operations;
using ApprovalTools.Sandbox;
using ApprovalTools.Sandbox.Project;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Bench.Project
{
    /// <summary>
    /// Invoke-NodeOperation (NodeOperation): N confirm operations, one per seeded work item, with the connection's
    /// default settings (client limiter 15/s) against the sandbox's 15 QPS per token and API, -ThrottleLimit 16 pushing.
    /// Shows the client limiter keeps the rate: ops/s about 15, nothing over 15 in any second, no 10429.
    /// </summary>
    internal sealed class NodeRate : IBenchmark
    {
        private const string Secret = "bench-plugin-secret-0123456789";

        public string Name => "node";

        public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var n = context.Options.Quick ? 45 : 300;
            const int throttle = 16;
            var output = context.Output;
            using var sandbox = SandboxHost.Start(new SandboxSettings { PluginSecret = Secret });
            for (var i = 1; i <= n; i++) sandbox.Project.AddWorkItem("bench", "story", Id(i), "start", "review", "done");
            using var connection = Connector.ConnectAsync(new FeishuProjectConnectionOptions
            {
                PluginId = "MII_BENCH", PluginSecret = new Secret(Secret), UserKey = "7136000000000000001", BaseUri = sandbox.BaseUri, IsSandbox = true,
            }, cancellationToken).GetAwaiter().GetResult();

            var sink = new CountingSink(cancellationToken);
            var op = new NodeOperation(connection, sink, throttle);
            var watch = Stopwatch.StartNew();
            foreach (var request in Requests(n)) op.Process(request);
            op.Complete();
            watch.Stop();

            var arrivals = sandbox.Server.Journal.Where(r => r.Path.EndsWith("/operate", StringComparison.Ordinal)).Select(r => r.ReceivedAt).ToList();
            var completed = Enumerable.Range(1, n).Count(i => sandbox.Project.Node("bench", "story", Id(i), "start").Status == NodeStatus.Completed);
            output.WriteLine($"node: Invoke-NodeOperation -Action Confirm on {n} work items, default limits (sandbox {sandbox.Project.RequestsPerSecond} QPS, client {FeishuProjectProtocol.RequestsPerSecond}/s), throttle {throttle}");
            output.WriteLine($"  {"ops/s",6} {"requests",8} {"avg req/s",9} {"after burst",11} {"max in a calendar s",19} {"max in any 1 s",14} {"10429s",6} {"nodes completed",15}  outcome");
            output.WriteLine($"  {n / watch.Elapsed.TotalSeconds,6:F1} {arrivals.Count,8} {RateWindows.Average(arrivals),9:F1} {RateWindows.AfterBurst(arrivals),11:F1} {RateWindows.MaxPerCalendarSecond(arrivals),19} {RateWindows.MaxInAnySecond(arrivals),14} {sandbox.Project.RateLimitedCount,6} {completed,15}  {sink.Summary()}");
            return Task.CompletedTask;
        }

        private static string Id(int i) => (6_300_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);

        private static IEnumerable<NodeOperationRequest> Requests(int n)
        {
            for (var i = 1; i <= n; i++)
            {
                yield return new NodeOperationRequest { ProjectKey = "bench", WorkItemTypeKey = "story", WorkItemId = Id(i), NodeId = "start", Action = NodeAction.Confirm };
            }
        }
    }
}
