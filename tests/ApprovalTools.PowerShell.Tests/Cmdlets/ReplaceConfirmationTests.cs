using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// The questions of Sync-ExternalInstance -Mode Replace and Clear-ExternalInstance: Yes to All / No to All answer the
/// rest of the run, the text says what is deleted, and a host that cannot ask gets an error naming -Force.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class ConfirmationTests : IClassFixture<SandboxSessionFixture>
{
    private readonly PowerShellSession _ps;

    public ConfirmationTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

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

    [Theory]
    [InlineData("1..2 | ForEach-Object { New-TestInstance -Id \"$id-$_\" } | Sync-ExternalInstance -Mode Replace -Connection $feishu", "Sync-ExternalInstance")]
    [InlineData("1..2 | ForEach-Object { [pscustomobject]@{ ApprovalCode = 'PS-TESTS'; InstanceId = \"$id-$_\" } } | Clear-ExternalInstance -Connection $feishu", "Clear-ExternalInstance")]
    public void A_host_that_cannot_ask_gets_an_error_naming_Force_and_nothing_is_sent(string script, string cmdlet)
    {
        using var ps = PowerShellSession.Start(HostMode.NonInteractive);
        ps.Run(SessionScripts.Helpers).AssertCompleted();
        ps.Run("Start-PrivateSandbox").AssertCompleted();
        try
        {
            var id = Ids("ni");
            var result = ps.Run("$id = $args[0]; " + script + "; 'after'", id);

            // A cmdlet's terminating error ends its statement; the script goes on.
            var error = Assert.Single(result.Errors);
            Assert.Equal($"ConfirmationNotPossible,ApprovalTools.Commands.{cmdlet.Replace("-", string.Empty)}Command", error.FullyQualifiedErrorId);
            Assert.Contains("-Force", error.ToString());
            Assert.Contains("-Confirm:$false", error.ToString());
            Assert.Equal(new object[] { "after" }, result.Output.Select(o => o.BaseObject));
            Assert.Equal(0, ps.Run("$sandbox.Approval.InstanceCount").Output.Select(o => (int)o.BaseObject).Single());

            var forced = ps.Run("$id = $args[0]; " + script.Replace("-Connection", "-Force -Connection"), id).AssertCompleted();
            Assert.True(forced.Errors.Count == 0, forced.Describe());
            Assert.Equal(2, forced.Output.Count);
        }
        finally
        {
            ps.Run("$sandbox.Dispose()");
        }
    }
}
