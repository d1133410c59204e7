using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>Every -WhatIf line and confirmation target of a state-changing cmdlet names the tenant it would change.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class TenantTargetTests : IClassFixture<SandboxSessionFixture>
{
    private readonly PowerShellSession _ps;

    public TenantTargetTests(SandboxSessionFixture fixture)
    {
        _ps = fixture.Session;
        _ps.UI.ClearAnswers();
    }

    [Theory]
    [InlineData("New-TestInstance -Id tenant-1 -ApprovalCode PS-TENANT | Sync-ExternalInstance -Connection $feishu -WhatIf", "on Feishu app ")]
    [InlineData("Clear-ExternalInstance -ApprovalCode PS-TENANT -InstanceId tenant-2 -Connection $feishu -WhatIf", "on Feishu app ")]
    [InlineData("Submit-BatchApproval -UserId u1 -TaskId t1 -Connection $batch -WhatIf", "on batch approval server ")]
    [InlineData("Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1001 -NodeId start -Action Confirm -Connection $project -WhatIf", "on Feishu Project plugin ")]
    public void WhatIf_names_the_tenant(string script, string tenant)
    {
        var result = _ps.Run(script).AssertCompleted();

        var line = Assert.Single(result.HostLines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)));
        Assert.Contains(tenant, line);
    }
}
