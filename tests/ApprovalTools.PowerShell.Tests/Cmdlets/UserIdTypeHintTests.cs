using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>Get-ApprovalTask with an id that does not look like its -UserIdType warns instead of silently listing nothing.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class UserIdTypeHintTests : IClassFixture<SandboxSessionFixture>
{
    private readonly PowerShellSession _ps;

    public UserIdTypeHintTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

    [Theory]
    [InlineData("-UserId manager1", "-UserIdType user_id")]
    [InlineData("-UserId on_0123456789abcdef", "-UserIdType union_id")]
    [InlineData("-UserId ou_0123456789abcdef -UserIdType user_id", "-UserIdType open_id")]
    [InlineData("-UserId manager1 -UserIdType union_id", "-UserIdType user_id")]
    public void An_id_that_does_not_look_like_its_type_gets_a_warning_naming_the_fix(string parameters, string fix)
    {
        var result = _ps.Run($"Get-ApprovalTask {parameters} -Connection $feishu").AssertCompleted();

        var warning = Assert.Single(result.Warnings);
        Assert.Contains(fix, warning.Message);
        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("-UserId manager1 -UserIdType user_id")]
    [InlineData("-UserId ou_0123456789abcdef")]
    [InlineData("-UserId on_0123456789abcdef -UserIdType union_id")]
    public void An_id_of_the_right_shape_gets_no_warning(string parameters)
    {
        var result = _ps.Run($"Get-ApprovalTask {parameters} -Connection $feishu").AssertCompleted();

        Assert.Empty(result.Warnings);
        Assert.Empty(result.Errors);
    }
}
