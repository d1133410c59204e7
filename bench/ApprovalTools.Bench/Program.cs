using System.Runtime.InteropServices;
using ApprovalTools.Bench;
using ApprovalTools.Bench.Transport;
using ApprovalTools.Sandbox;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.Write(BenchOptions.Usage);
    return 2;
}

// Benchmarks in run order. After the merge: sync (Sync-ExternalInstance operation), submit (batch approval),
// node (Invoke-NodeOperation) run against context.Sandbox, the full simulator.
IBenchmark[] benchmarks = { new TransportRoundTrips() };

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

using var sandbox = Sandbox.Start();
var context = new BenchContext(sandbox, options, Console.Out);
Console.WriteLine($"ApprovalTools bench: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPU(s)");
Console.WriteLine($"sandbox: {sandbox.BaseUri}");
Console.WriteLine();
foreach (var benchmark in benchmarks.Where(b => options.Only == null || b.Name == options.Only))
{
    await benchmark.RunAsync(context, stop.Token);
    Console.WriteLine();
}
return 0;
