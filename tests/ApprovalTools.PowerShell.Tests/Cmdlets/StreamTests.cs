using System.Management.Automation;
using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>-Verbose, -Debug and progress, in a host at a prompt and in one that cannot ask.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class StreamTests : IClassFixture<SandboxSessionFixture>
{
    private const string SyncTwenty = "1..20 | ForEach-Object { New-TestInstance -Id \"stream-$([guid]::NewGuid().ToString('N'))\" } | Sync-ExternalInstance -Connection $feishu";

    private readonly PowerShellSession _ps;

    public StreamTests(SandboxSessionFixture fixture)
    {
        _ps = fixture.Session;
        _ps.UI.ClearAnswers();
    }

    [Fact]
    public void Verbose_says_what_is_sent_and_never_a_secret_or_token()
    {
        var result = _ps.Run(SyncTwenty + " -Verbose").AssertCompleted();

        Assert.Equal(20, result.Output.Count);
        Assert.Contains(result.Verbose, v => v.Message.Contains("/open-apis/approval/v4/external_instances", StringComparison.Ordinal));
        var tokens = _ps.Run("$sandbox.Approval.TokensIssued").Output.Single();
        Assert.True(Convert.ToInt32(tokens.BaseObject) >= 1);
        AssertNoSecret(result);
    }

    [Theory]
    [InlineData(HostMode.Interactive)]
    [InlineData(HostMode.NonInteractive)]
    public void Debug_adds_detail_and_never_asks_or_stops(HostMode mode)
    {
        using var ps = mode == HostMode.Interactive ? null : PowerShellSession.Start(mode);
        var session = ps ?? _ps;
        if (ps != null)
        {
            ps.Run(SessionScripts.Helpers).AssertCompleted();
            ps.Set("feishu", _ps.Run("$feishu").Output.Single().BaseObject);
            ps.Set("sandbox", _ps.Run("$sandbox").Output.Single().BaseObject);
        }

        var result = session.Run(SyncTwenty + " -Debug").AssertCompleted();

        Assert.Empty(result.Prompts);
        Assert.Empty(result.Errors);
        Assert.Equal(20, result.Output.Count);
        Assert.Contains(result.Debug, d => d.Message.Contains("Authorization: ***", StringComparison.Ordinal));
        Assert.Contains(result.Debug, d => d.Message.Contains("< HTTP 200", StringComparison.Ordinal));
        AssertNoSecret(result);
    }

    [Fact]
    public void Progress_of_a_long_run_ends_with_a_Completed_record()
    {
        var result = _ps.Run(SyncTwenty).AssertCompleted();

        Assert.NotEmpty(result.Progress);
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
        Assert.All(result.Progress.Take(result.Progress.Count - 1), p => Assert.Equal(ProgressRecordType.Processing, p.RecordType));
    }

    private static void AssertNoSecret(RunResult result)
    {
        var text = string.Join("\n", result.Verbose.Select(v => v.Message).Concat(result.Debug.Select(d => d.Message))
            .Concat(result.Warnings.Select(w => w.Message)).Concat(result.HostLines).Concat(result.Output.Select(o => o.ToString())));
        Assert.DoesNotContain("sandbox-app-secret", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"t-[0-9a-f]{32}", text);   // the sandbox's tenant access tokens
    }
}
