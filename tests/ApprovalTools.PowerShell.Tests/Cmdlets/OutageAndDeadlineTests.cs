using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// A dead server and a server that never answers, in PowerShell: every item ends as one error, the items after the
/// breaker opened fail at once with CircuitOpen, and Connect-* -TimeoutSec bounds a request of each service.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class OutageAndDeadlineTests : IClassFixture<SandboxSessionFixture>
{
    private readonly PowerShellSession _ps;

    public OutageAndDeadlineTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

    [Fact]
    public void Against_a_dead_server_every_item_is_one_error_and_the_rest_fail_fast_with_CircuitOpen()
    {
        _ps.Run("$sandbox.Server.Faults('approval').SparePathPrefix = '/open-apis/auth/'; $sandbox.Server.Faults('approval').Outage = $true").AssertCompleted();
        try
        {
            var result = _ps.Run("""
                $c = Connect-Feishu -AppId cli_outage -AppSecret (ConvertTo-SecureString 'sandbox-app-secret' -AsPlainText -Force) -BaseUri $sandbox.BaseUri
                $sandbox.Server.ClearJournal()
                1..40 | ForEach-Object { New-TestInstance -Id "outage-$_" } | Sync-ExternalInstance -Connection $c
                """).AssertCompleted();

            Assert.Empty(result.Output);
            Assert.Equal(40, result.Errors.Count);
            Assert.Equal(40, result.Errors.Select(e => ((System.Collections.IDictionary)e.TargetObject)["instance_id"]).Distinct().Count());
            var open = result.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("CircuitOpen,", StringComparison.Ordinal)).ToList();
            Assert.True(open.Count >= 30, $"only {open.Count} of 40 items failed fast");
            Assert.Contains("is not answering", open[^1].Exception.Message);
            var sent = (int)_ps.Run("@($sandbox.Server.Journal | Where-Object Path -eq '/open-apis/approval/v4/external_instances').Count").Output.Single().BaseObject;
            Assert.True(sent < 20, $"{sent} requests reached a dead server");
        }
        finally
        {
            _ps.Run("$sandbox.Server.Faults('approval').Clear()").AssertCompleted();
        }
    }

    [Theory]
    [InlineData("approval", "$c = Connect-Feishu -AppId cli_hang -AppSecret (ConvertTo-SecureString 'sandbox-app-secret' -AsPlainText -Force) -BaseUri $sandbox.BaseUri -TimeoutSec 1",
        "New-TestInstance -Id hang-1 | Sync-ExternalInstance -Connection $c")]
    [InlineData("project", "$c = Connect-FeishuProject -PluginId MII_HANG -PluginSecret (ConvertTo-SecureString 'sandbox-plugin-secret' -AsPlainText -Force) -UserKey u-ps -BaseUri $sandbox.BaseUri -TimeoutSec 1",
        "Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1001 -NodeId start -Action Confirm -Connection $c")]
    [InlineData("batch", "$c = Connect-BatchApproval -BaseUri $sandbox.BaseUri.ToString() -TimeoutSec 1",
        "Test-BatchApproval -UserId u-hang -TaskId hang-1 -Connection $c")]
    public void TimeoutSec_bounds_a_request_the_server_never_answers(string service, string connect, string run)
    {
        _ps.Run(connect).AssertCompleted();
        _ps.Run("param($s) $p = $sandbox.Server.Faults($s); $p.SparePathPrefix = '/open_api/authen/'; if ($s -eq 'approval') { $p.SparePathPrefix = '/open-apis/auth/' }; $p.HangFor = [timespan]::FromSeconds(60); $p.HangNext(50)", service).AssertCompleted();
        try
        {
            var result = _ps.Run(run).AssertCompleted();

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("RequestTimedOut,", error.FullyQualifiedErrorId);
            Assert.Contains("within its 1 s deadline", error.Exception.Message);
        }
        finally
        {
            _ps.Run("param($s) $sandbox.Server.Faults($s).Clear()", service).AssertCompleted();
        }
    }
}
