using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Smoke;

[Collection(PowerShellCollection.Name)]
public sealed class HarnessTests
{
    [Fact]
    public void Imports_the_staged_module_into_PowerShell_7()
    {
        using var session = PowerShellSession.Start();
        var result = session.Run("(Get-Module ApprovalTools).Path; $PSVersionTable.PSVersion.Major").AssertCompleted();
        Assert.Equal(ModuleLocation.StagedManifest.Replace(".psd1", ".dll"), result.Output[0].ToString());
        Assert.Equal(7, (int)result.Output[1].BaseObject);
    }
}
