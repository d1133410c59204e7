using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>The documented pipes: one cmdlet's output binds into the next by property name.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class PipeBindingTests : IClassFixture<SandboxSessionFixture>
{
    private readonly PowerShellSession _ps;

    public PipeBindingTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

    [Fact]
    public void Test_ExternalInstance_output_resyncs_exactly_what_differs()
    {
        var result = _ps.Run("""
            $run = [guid]::NewGuid().ToString('N').Substring(0, 8)
            $all = 1..3 | ForEach-Object { New-TestInstance -Id "diff-$run-$_" }
            $all[0], $all[1] | Sync-ExternalInstance -Connection $feishu | Out-Null
            $diffs = @($all | Test-ExternalInstance -Connection $feishu)
            $resynced = @($diffs | Sync-ExternalInstance -Connection $feishu)
            $after = @($all | Test-ExternalInstance -Connection $feishu)
            [pscustomobject]@{ Diffs = $diffs.InstanceId -join ','; Reason = "$($diffs.Reason)"; Resynced = $resynced.InstanceId -join ','; After = $after.Count; Run = $run }
            """).AssertCompleted();

        Assert.True(result.Errors.Count == 0, result.Describe());
        var summary = result.Output.Single();
        var run = summary.Properties["Run"].Value;
        Assert.Equal($"diff-{run}-3", summary.Properties["Diffs"].Value);
        Assert.Equal("InstanceMissing", summary.Properties["Reason"].Value);
        Assert.Equal($"diff-{run}-3", summary.Properties["Resynced"].Value);
        Assert.Equal(0, summary.Properties["After"].Value);
    }

    [Fact]
    public void Get_ApprovalTask_output_binds_ApprovalCode_and_InstanceId_into_Clear_ExternalInstance()
    {
        var result = _ps.Run("""
            $user = "clear-user-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
            1..2 | ForEach-Object { New-TestInstance -Id "$user-$_" -User $user -ApprovalCode PS-CLEAR } | Sync-ExternalInstance -Connection $feishu | Out-Null
            $cleared = @(Get-ApprovalTask -UserId $user -UserIdType user_id -Connection $feishu | Clear-ExternalInstance -Force -Connection $feishu)
            $left = @(Get-ApprovalTask -UserId $user -UserIdType user_id -Connection $feishu)
            [pscustomobject]@{ Cleared = ($cleared.InstanceId | Sort-Object) -join ','; Codes = ($cleared.ApprovalCode | Sort-Object -Unique) -join ','; Left = $left.Count; User = $user }
            """).AssertCompleted();

        Assert.True(result.Errors.Count == 0, result.Describe());
        var summary = result.Output.Single();
        var user = summary.Properties["User"].Value;
        Assert.Equal($"{user}-1,{user}-2", summary.Properties["Cleared"].Value);
        Assert.Equal("PS-CLEAR", summary.Properties["Codes"].Value);
        Assert.Equal(0, summary.Properties["Left"].Value);
    }

    [Fact]
    public void Submit_BatchApproval_output_binds_into_Get_BatchApprovalProgress()
    {
        var result = _ps.Run("""
            $ids = 1..250 | ForEach-Object { "pipe-task-$_" }
            $submitted = @(Submit-BatchApproval -UserId u-pipe -TaskId $ids -Connection $batch)
            $final = @($submitted | Get-BatchApprovalProgress -Wait -PollInterval 0.05 -Connection $batch)
            $byName = @($submitted | Select-Object UserId, BatchNumber | Get-BatchApprovalProgress -Connection $batch)
            [pscustomobject]@{ Submitted = $submitted.Count; Final = $final.Count; Tasks = ($final | Measure-Object -Property Total -Sum).Sum
                               Ended = @($final | Where-Object IsFinished).Count; ByName = $byName.Count }
            """).AssertCompleted();

        Assert.True(result.Errors.Count == 0, result.Describe());
        var s = result.Output.Single();
        Assert.Equal(2, s.Properties["Submitted"].Value);     // 250 ids: two calls of at most 200
        Assert.Equal(2, s.Properties["Final"].Value);
        Assert.Equal(250.0, Convert.ToDouble(s.Properties["Tasks"].Value));
        Assert.Equal(2, s.Properties["Ended"].Value);
        Assert.Equal(2, s.Properties["ByName"].Value);
    }
}
