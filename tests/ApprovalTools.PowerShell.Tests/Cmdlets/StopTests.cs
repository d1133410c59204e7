using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// Ctrl+C (PowerShell.Stop()) in the middle of every long-running cmdlet against a slow server: the run ends as
/// stopped, and the cmdlet sends nothing beyond what was in flight when the stop came (a stop that let the rest of the
/// work run would send tens of requests more here). Counted on the server, never timed.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class StopTests : IClassFixture<SandboxSessionFixture>
{
    // What may still arrive after the stop: the requests in flight (at most -ThrottleLimit, 4 by default) and one
    // token or progress read. Every run below has at least 24 requests left to send when it is stopped.
    private const int InFlightAllowance = 6;

    // Hang guards only: a stop or an end that never comes fails the test instead of hanging the suite.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly PowerShellSession _ps;

    public StopTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

    public static TheoryData<string, string, string> LongRuns => new()
    {
        { "Sync-ExternalInstance", "approval", "$items | Sync-ExternalInstance -Connection $feishu" },
        { "Test-ExternalInstance", "approval", "$items | Test-ExternalInstance -BatchSize 2 -Connection $feishu" },
        { "Clear-ExternalInstance", "approval", "$items | ForEach-Object { [pscustomobject]$_ } | Clear-ExternalInstance -Force -Connection $feishu" },
        { "Get-ApprovalTask", "approval", "Get-ApprovalTask -UserId $pagedUser -UserIdType user_id -PageSize 1 -Connection $feishu" },
        { "Submit-BatchApproval", "batch", "Submit-BatchApproval -UserId u-stop -TaskId (1..4000 | ForEach-Object { \"stop-$run-$_\" }) -Wait -PollInterval 0.05 -Connection $batch" },
        { "Get-BatchApprovalProgress", "batch", "1..50 | ForEach-Object { [pscustomobject]@{ UserId = 'u-stop'; BatchNumber = \"none-$_\" } } | Get-BatchApprovalProgress -Connection $batch -ErrorAction SilentlyContinue" },
        { "Invoke-NodeOperation", "project", "1..200 | ForEach-Object { [pscustomobject]@{ ProjectKey = 'demo'; WorkItemTypeKey = 'story'; WorkItemId = \"9$_\"; NodeId = 'start'; Action = 'Confirm' } } | Invoke-NodeOperation -Connection $project -ErrorAction SilentlyContinue" },
    };

    [Theory]
    [MemberData(nameof(LongRuns))]
    public void A_stop_midway_returns_promptly_and_ends_the_run(string cmdlet, string service, string script)
    {
        _ps.Run("""
            $global:run = [guid]::NewGuid().ToString('N').Substring(0, 8)
            $global:items = 1..60 | ForEach-Object { New-TestInstance -Id "stop-$run-$_" -ApprovalCode PS-STOP }
            $global:pagedUser = "stop-pager-$run"
            1..2 | ForEach-Object { New-TestInstance -Id "stop-$run-paged-$_" -User $pagedUser -Tasks 20 } | Sync-ExternalInstance -Connection $feishu | Out-Null
            $items | Sync-ExternalInstance -Connection $feishu | Out-Null
            $sandbox.Server.ClearJournal()
            """).AssertCompleted();
        _ps.Run("param($s) $sandbox.Server.Faults($s).Latency = [timespan]::FromMilliseconds(60)", service).AssertCompleted();
        try
        {
            // The runspace is busy while the command runs: the sandbox is watched from here, through its own object.
            dynamic server = _ps.Run("$sandbox.Server").Output.Single().BaseObject;
            using var pending = _ps.Begin(script);
            var started = pending.WaitUntil(_ => ((System.Collections.ICollection)server.Journal).Count >= 6, TimeSpan.FromSeconds(30));
            Assert.True(started, $"{cmdlet} sent fewer than 6 requests in 30 s");

            var sentBeforeStop = ((System.Collections.ICollection)server.Journal).Count;
            var stop = Task.Run(() => pending.Stop());
            Assert.True(stop.Wait(HangGuard), $"{cmdlet}: Stop() did not return");
            var result = pending.Wait(HangGuard);
            var sentAfterStop = ((System.Collections.ICollection)server.Journal).Count - sentBeforeStop;

            Assert.True(result.Stopped, $"{cmdlet}: the run was not stopped: {result.Terminating?.GetType().Name} {result.Describe()}");
            Assert.True(sentAfterStop <= InFlightAllowance, $"{cmdlet}: {sentAfterStop} requests reached the server after the stop");
        }
        finally
        {
            _ps.Run("param($s) $sandbox.Server.Faults($s).Clear()", service);
        }
    }
}
