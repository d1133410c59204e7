using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Sandbox.Server;

ServerOptions options;
try
{
    options = ServerOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(ServerOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(ServerOptions.Usage);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

await SandboxHost.RunAsync(options, Console.Out, stop.Token);
return 0;
