using System.Runtime.InteropServices;
using ApprovalTools.Bench;
using ApprovalTools.Bench.Approval;
using ApprovalTools.Bench.BatchApproval;
using ApprovalTools.Bench.Faults;
using ApprovalTools.Bench.Project;
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

// Benchmarks in run order. The operation benchmarks start their own sandbox per scenario (settings differ:
// rate limits off or default, fast batch processing, seeded work items).
IBenchmark[] benchmarks = { new TransportRoundTrips(), new SyncThroughput(), new SyncRateLimit(), new CheckThroughput(), new SubmitWait(), new NodeRate(), new FaultRun(), new ApprovalTools.Bench.PowerShell.PowerShellSideBySide() };
if (options.Only != null && !benchmarks.Any(b => b.Name == options.Only))
{
    Console.Error.WriteLine($"No benchmark named '{options.Only}'. Known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

using var sandbox = Sandbox.Start(new SandboxSettings { ApprovalDefinitions = { ApprovalTools.Bench.Approval.InstanceSource.ApprovalCode } });
var context = new BenchContext(sandbox, options, Console.Out);
Console.WriteLine($"ApprovalTools bench: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPU(s)");
Console.WriteLine($"sandbox: {sandbox.BaseUri}; {(options.Quick ? "QUICK mode (smoke sizes, figures not meaningful)" : "full sizes")}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine();
foreach (var benchmark in benchmarks.Where(b => options.Only == null || b.Name == options.Only))
{
    await benchmark.RunAsync(context, stop.Token);
    if (Environment.GetEnvironmentVariable("BENCH_TRACE") == "1") Console.WriteLine($"  [live heap after {benchmark.Name}: {ApprovalTools.Bench.Support.MemorySampler.Mb(ApprovalTools.Bench.Support.MemorySampler.FullCollect())} MB]");
    Console.WriteLine();
}
return 0;
