using ApprovalTools.Bench.Support;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Bench.Approval
{
    /// <summary>A Feishu connection to a bench sandbox, with a status counter under its HttpClient.</summary>
    internal static class FeishuBench
    {
        /// <param name="requestsPerSecond">client-side limit per endpoint; 0 = none (the default connection uses 50).</param>
        public static FeishuConnection Connect(SandboxHost sandbox, StatusCounter statuses, int requestsPerSecond, CancellationToken cancellationToken) =>
            Connect(sandbox.BaseUri, sandbox.Settings.AppSecret, statuses, requestsPerSecond, cancellationToken);

        public static FeishuConnection Connect(Uri baseUri, string secret, System.Net.Http.HttpMessageHandler handler, int requestsPerSecond, CancellationToken cancellationToken) =>
            Connector.ConnectAsync(new FeishuConnectionOptions
            {
                AppId = "cli_bench",
                AppSecret = new Secret(secret),
                BaseUri = baseUri,
                IsSandbox = true,
                Resilience = new ResilienceSettings { DefaultRequestsPerSecond = requestsPerSecond, DefaultRequestsPerMinute = requestsPerSecond == 0 ? 0 : 1000 },
                Handler = handler,
            }, cancellationToken).GetAwaiter().GetResult();

        public static string Rate(double perSecond) => perSecond.ToString("F0", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// Growth of the live heap per item: least-squares slope over the checkpoints (after full GCs), which is robust
        /// to the few hundred KB of noise one checkpoint can have.
        /// </summary>
        public static double GrowthPerItem(IReadOnlyList<(int Items, long Live)> live)
        {
            if (live.Count < 2) return 0;
            double mx = live.Average(l => (double)l.Items), my = live.Average(l => (double)l.Live);
            double sxy = live.Sum(l => (l.Items - mx) * (l.Live - my)), sxx = live.Sum(l => (l.Items - mx) * (l.Items - mx));
            return sxx == 0 ? 0 : sxy / sxx;
        }
    }
}
