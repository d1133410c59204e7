using System.Diagnostics;
using System.Net.Http;
using System.Text;
using ApprovalTools.Core.Http;
using ApprovalTools.Sandbox.Hosting;

namespace ApprovalTools.Bench.Transport
{
    /// <summary>
    /// Round trips per second through the whole request pipeline (ApiTransport: rate limiter with no limit set,
    /// Polly retry + timeout, authentication, envelope classification) against a sandbox server on loopback, at
    /// several concurrencies, with latency percentiles and managed bytes allocated per request (client and
    /// in-process server together).
    /// </summary>
    internal sealed class TransportRoundTrips : IBenchmark
    {
        private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"instance_id\":\"bench-0001\",\"update_time\":\"1700000000000\",\"task_list\":[]}");

        public string Name => "transport";

        public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            using var server = SandboxServer.Start(0, new[] { new EchoService() });
            using var transport = new ApiTransport(server.BaseUri, new EchoProtocol(), new ResilienceSettings { MaxRetryAttempts = 0 });
            var output = context.Output;
            output.WriteLine($"transport: {context.Options.Requests} POST round trips per row ({Body.Length}-byte body), server {server.BaseUri}");
            output.WriteLine($"  {"in flight",9} {"req/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"KB/req",8}");

            await Measure(transport, 1, 200, cancellationToken); // warm-up: JIT, connection pool
            foreach (var concurrency in context.Options.Concurrency)
            {
                GC.Collect();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var latencies = await Measure(transport, concurrency, context.Options.Requests, cancellationToken);
                watch.Stop();
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

                Array.Sort(latencies);
                double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
                output.WriteLine($"  {concurrency,9} {latencies.Length / watch.Elapsed.TotalSeconds,9:F0} {Percentile(0.50),8:F2} {Percentile(0.95),8:F2} {Percentile(0.99),8:F2} {allocated / 1024.0 / latencies.Length,8:F1}");
            }
            // A disposed SandboxServer stays reachable (its accept loop is never released), and with it its journal of up
            // to 20 000 requests: emptied here so later benchmarks do not start on ~13 MB left by this one.
            server.ClearJournal();
        }

        private static async Task<double[]> Measure(ApiTransport transport, int concurrency, int requests, CancellationToken cancellationToken)
        {
            var latencies = new double[requests];
            var next = -1;
            async Task Worker()
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < requests)
                {
                    var started = Stopwatch.GetTimestamp();
                    await transport.SendAsync(new ApiRequest(HttpMethod.Post, "/bench/echo", "POST bench") { Body = Body }, null, cancellationToken).ConfigureAwait(false);
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker, cancellationToken))).ConfigureAwait(false);
            return latencies;
        }
    }
}
