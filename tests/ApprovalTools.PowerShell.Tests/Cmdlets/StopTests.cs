using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// Ctrl+C (PowerShell.Stop()) in the middle of every long-running cmdlet against a slow server: the stop comes back
/// promptly, the run ends as stopped, and nothing is reported that did not happen.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class StopTests : IClassFixture<SandboxSessionFixture>
{
    // A hang guard, not a speed figure: a stop that waits for the remaining work would take tens of seconds here.
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(3);

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

            var took = pending.Stop();
            var result = pending.Wait(TimeSpan.FromSeconds(10));

            Assert.True(took < StopLimit, $"{cmdlet}: Stop() took {took.TotalMilliseconds:F0} ms");
            Assert.True(result.Stopped, $"{cmdlet}: the run was not stopped: {result.Terminating?.GetType().Name} {result.Describe()}");
        }
        finally
        {
            _ps.Run("param($s) $sandbox.Server.Faults($s).Clear()", service);
        }
    }
}
