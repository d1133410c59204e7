using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// ShouldProcess / ShouldContinue as a person at the prompt and a runbook meet them: each answer, -WhatIf,
/// -Confirm:$false, -Force, and a host that cannot ask.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class ConfirmationTests : IClassFixture<SandboxSessionFixture>
{
    private const string SyncThree = """
        $run = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $global:items = 1..3 | ForEach-Object { New-TestInstance -Id "confirm-$run-$_" -ApprovalCode PS-CONFIRM }
        $global:items | Sync-ExternalInstance -Connection $feishu | Out-Null
        """;

    // "Cleared" = the server holds the instance as APPROVED (the clear recipe); counted over the three items.
    private const string CountCleared = "@($items | Where-Object { $sandbox.Approval.Instance($_.instance_id).Status -eq 'APPROVED' }).Count";

    private readonly SandboxSessionFixture _fixture;
    private readonly PowerShellSession _ps;

    public ConfirmationTests(SandboxSessionFixture fixture)
    {
        _fixture = fixture;
        _ps = fixture.Session;
        _ps.UI.ClearAnswers();
    }

    public static TheoryData<string[], int, int> ClearAnswers => new()
    {
        { new[] { "Yes", "No", "Yes" }, 3, 2 },
        { new[] { "Yes to All" }, 1, 3 },
        { new[] { "No to All" }, 1, 0 },
        { new[] { "No", "Yes to All" }, 2, 2 },
    };

    [Theory]
    [MemberData(nameof(ClearAnswers))]
    public void Clear_asks_per_instance_and_each_answer_counts(string[] answers, int questions, int cleared)
    {
        _ps.Run(SyncThree).AssertCompleted();
        _ps.UI.Answer(answers);
        var result = _ps.Run("$items | ForEach-Object { [pscustomobject]$_ } | Clear-ExternalInstance -Connection $feishu").AssertCompleted();

        Assert.Equal(0, _ps.UI.UnusedAnswers);
        Assert.Equal(questions, result.Prompts.Count);
        Assert.All(result.Prompts, p => Assert.Contains("Yes to All", p.Choices));
        Assert.Empty(result.Errors);
        Assert.Equal(cleared, result.Output.Count);
        Assert.Equal(cleared, Count(CountCleared));
    }

    [Theory]
    [InlineData("-WhatIf", 0)]
    [InlineData("-Confirm:$false", 3)]
    [InlineData("-Force", 3)]
    public void Clear_switches_decide_without_a_question(string switches, int cleared)
    {
        _ps.Run(SyncThree).AssertCompleted();
        var result = _ps.Run($"$items | ForEach-Object {{ [pscustomobject]$_ }} | Clear-ExternalInstance -Connection $feishu {switches}").AssertCompleted();

        Assert.Empty(result.Prompts);
        Assert.Empty(result.Errors);
        Assert.Equal(cleared, Count(CountCleared));
        Assert.Equal(cleared, result.Output.Count);
        var whatIf = result.HostLines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
        Assert.Equal(switches == "-WhatIf" ? 3 : 0, whatIf.Count);
    }

    [Fact]
    public void Replace_asks_before_each_instance_and_a_no_keeps_the_server_as_it_was()
    {
        _ps.Run(SyncThree).AssertCompleted();
        _ps.UI.Answer("Yes", "No", "Yes");
        // The replacement drops every task: applied, it deletes the server's task.
        var result = _ps.Run("$items | ForEach-Object { $r = $_.Clone(); $r.task_list = @(); $r.update_time = \"$([long]$_.update_time + 1)\"; $r } | Sync-ExternalInstance -Mode Replace -Connection $feishu").AssertCompleted();

        Assert.Equal(3, result.Prompts.Count);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(2, Count("@($items | Where-Object { $sandbox.Approval.Instance($_.instance_id).Tasks.Count -eq 0 }).Count"));
    }

    [Theory]
    [InlineData("-Force")]
    [InlineData("-Confirm:$false")]
    public void Replace_runs_unattended_with_Force_or_Confirm_false(string switches)
    {
        _ps.Run(SyncThree).AssertCompleted();
        var result = _ps.Run($"$items | ForEach-Object {{ $r = $_.Clone(); $r.task_list = @(); $r.update_time = \"$([long]$_.update_time + 1)\"; $r }} | Sync-ExternalInstance -Mode Replace -Connection $feishu {switches}").AssertCompleted();

        Assert.Empty(result.Prompts);
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Output.Count);
    }

    [Fact]
    public void A_host_that_cannot_ask_gets_one_error_per_instance_and_nothing_is_cleared()
    {
        using var ps = PowerShellSession.Start(HostMode.NonInteractive);
        ps.Run(SessionScripts.Helpers).AssertCompleted();
        ps.Set("sandbox", _ps.Run("$sandbox").Output.Single().BaseObject);
        ps.Set("feishu", _ps.Run("$feishu").Output.Single().BaseObject);
        ps.Run(SyncThree).AssertCompleted();

        var result = ps.Run("$items | ForEach-Object { [pscustomobject]$_ } | Clear-ExternalInstance -Connection $feishu");

        Assert.Null(result.Terminating);
        Assert.Equal(3, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("-Force", e.ToString()));
        Assert.All(result.Errors, e => Assert.StartsWith("ConfirmationNotPossible", e.FullyQualifiedErrorId));
        Assert.All(result.Errors, e => Assert.StartsWith("ConfirmationNotPossible,", e.FullyQualifiedErrorId));
        Assert.Empty(result.Output);
        Assert.Equal("0", ps.Run(CountCleared).Output.Single().ToString());
    }

    private int Count(string script) => Convert.ToInt32(_ps.Run(script).AssertCompleted().Output.Single().BaseObject);
}
