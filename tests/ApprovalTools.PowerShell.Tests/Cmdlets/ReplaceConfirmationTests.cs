using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// The questions of Sync-ExternalInstance -Mode Replace: Yes to All / No to All answer the rest of the run, the text
/// says what is deleted, and a host that cannot ask gets one error per instance naming -Force.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class ReplaceConfirmationTests : IClassFixture<SandboxSessionFixture>
{
    private readonly PowerShellSession _ps;

    public ReplaceConfirmationTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

    private static string Ids(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [InlineData("-Confirm")]
    [InlineData("")]
    public void Yes_to_All_at_the_first_question_answers_every_later_one(string confirm)
    {
        var id = Ids("yta");
        _ps.UI.Answer("Yes to All");
        var result = _ps.Run($"$id = $args[0]; 1..3 | ForEach-Object {{ New-TestInstance -Id \"$id-$_\" -Tasks 2 }} | Sync-ExternalInstance -Mode Replace {confirm} -Connection $feishu", id);

        Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
        Assert.Equal(3, result.Output.Count);
        var prompt = Assert.Single(result.Prompts);
        Assert.Contains("Yes to All", prompt.Choices);
        Assert.Contains($"deletes every task except {id}-1-T1, {id}-1-T2 and ALL cc entries", prompt.Message);
        Assert.Equal(0, _ps.UI.UnusedAnswers);
    }

    [Fact]
    public void No_to_All_declines_the_rest_of_the_run_and_sends_nothing()
    {
        var id = Ids("nta");
        _ps.UI.Answer("No to All");
        var result = _ps.Run("$id = $args[0]; 1..3 | ForEach-Object { New-TestInstance -Id \"$id-$_\" } | Sync-ExternalInstance -Mode Replace -Connection $feishu", id);

        Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
        Assert.Empty(result.Output);
        Assert.Single(result.Prompts);
        Assert.Null(_ps.Run("$sandbox.Approval.Instance(\"$($args[0])-1\")", id).Output.Single());
    }

    [Fact]
    public void A_host_that_cannot_ask_gets_one_error_per_instance_naming_Force_and_nothing_is_sent()
    {
        using var ps = PowerShellSession.Start(HostMode.NonInteractive);
        ps.Run(SessionScripts.Helpers).AssertCompleted();
        ps.Set("sandbox", _ps.Run("$sandbox").Output.Single().BaseObject);
        ps.Set("feishu", _ps.Run("$feishu").Output.Single().BaseObject);
        var id = Ids("ni");
        const string Replace = "$id = $args[0]; 1..2 | ForEach-Object { New-TestInstance -Id \"$id-$_\" } | Sync-ExternalInstance -Mode Replace -Connection $feishu";

        var result = ps.Run(Replace, id);

        Assert.Null(result.Terminating);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.StartsWith("ConfirmationNotPossible,", e.FullyQualifiedErrorId);
            Assert.Contains("-Force", e.ToString());
            Assert.Contains("-Confirm:$false", e.ToString());
        });
        Assert.Equal(new[] { $"{id}-1", $"{id}-2" }, result.Errors.Select(e => ((System.Collections.IDictionary)e.TargetObject)["instance_id"]));
        Assert.Empty(result.Output);
        Assert.Null(_ps.Run("$sandbox.Approval.Instance(\"$($args[0])-1\")", id).Output.Single());

        var forced = ps.Run(Replace + " -Force", id).AssertCompleted();
        Assert.True(forced.Errors.Count == 0, forced.Describe());
        Assert.Equal(2, forced.Output.Count);
    }
}
