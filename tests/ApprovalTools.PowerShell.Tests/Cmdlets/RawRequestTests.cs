using System.Management.Automation;
using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>Invoke-ApprovalToolsRequest at the prompt: PSObjects out, -WhatIf on writes, one ErrorRecord per failed request.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class RawRequestTests : IClassFixture<SandboxSessionFixture>
{
    private const string CheckBody = "$body = @{ instances = @(@{ instance_id = \"raw-ps-$([guid]::NewGuid())\"; update_time = '1700000000000'; tasks = @() }) }";
    private const string CheckCalls = "@($sandbox.Server.Journal | Where-Object Path -eq '/open-apis/approval/v4/external_instances/check').Count";

    private readonly PowerShellSession _ps;

    public RawRequestTests(SandboxSessionFixture fixture)
    {
        _ps = fixture.Session;
        _ps.UI.ClearAnswers();
    }

    private int Count(string script) => (int)_ps.Run(script).AssertCompleted().Output.Single().BaseObject;

    [Fact]
    public void A_raw_POST_to_the_check_endpoint_of_the_current_Feishu_connection_returns_data_as_objects()
    {
        _ps.Run("$global:feishu = Connect-Feishu -AppId cli_pstest -AppSecret (ConvertTo-SecureString 'sandbox-app-secret' -AsPlainText -Force) -BaseUri $sandbox.BaseUri").AssertCompleted();
        var result = _ps.Run(CheckBody + "\nInvoke-ApprovalToolsRequest -Service Feishu -Method POST -Path /open-apis/approval/v4/external_instances/check -Body $body -Confirm:$false -Verbose").AssertCompleted();

        var data = Assert.Single(result.Output);
        Assert.IsType<PSCustomObject>(data.BaseObject);
        var diff = (object[])data.Properties["diff_instances"].Value;
        Assert.StartsWith("raw-ps-", (string)((PSObject)diff[0]).Properties["instance_id"].Value);
        Assert.Single(result.Verbose, v => v.Message.Contains("POST /open-apis/approval/v4/external_instances/check -> HTTP 200", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatIf_on_a_write_sends_nothing_and_names_method_path_and_tenant()
    {
        var before = Count(CheckCalls);
        var result = _ps.Run(CheckBody + "\nInvoke-ApprovalToolsRequest POST /open-apis/approval/v4/external_instances/check -Body $body -Connection $feishu -WhatIf").AssertCompleted();

        Assert.Empty(result.Output);
        var line = Assert.Single(result.HostLines, l => l.StartsWith("What if:", StringComparison.Ordinal));
        Assert.Contains("POST open-apis/approval/v4/external_instances/check on Feishu app cli_pstest", line, StringComparison.Ordinal);
        Assert.Equal(before, Count(CheckCalls));
    }

    [Fact]
    public void A_Feishu_Project_read_binds_by_property_name_and_a_bad_path_is_one_error()
    {
        var result = _ps.Run("""
            @([pscustomobject]@{ Method = 'POST'; Path = '/open_api/demo/work_item/story/1001/workflow/query'; Body = '{"flow_type":0}' },
              [pscustomobject]@{ Method = 'GET'; Path = '/open_api/../open-apis/x' }) |
                Invoke-ApprovalToolsRequest -Connection $project -Confirm:$false
            """).AssertCompleted();

        var flow = Assert.Single(result.Output);
        Assert.NotEmpty((object[])flow.Properties["workflow_nodes"].Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal("RawRequestInvalid", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-Path", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_envelope_is_one_error_record_with_the_service_s_code_and_no_secret()
    {
        var result = _ps.Run("Invoke-ApprovalToolsRequest GET /open-apis/approval/v4/external_approvals/raw-no-such-code -Connection $feishu").AssertCompleted();

        var error = Assert.Single(result.Errors);
        Assert.Empty(result.Output);
        Assert.Contains("GET open-apis/approval/v4/external_approvals/raw-no-such-code failed", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("code 1390001", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("InvalidParameter", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("GET open-apis/approval/v4/external_approvals/raw-no-such-code", error.TargetObject.ToString());
        Assert.DoesNotContain("sandbox-app-secret", error.ToString(), StringComparison.Ordinal);
    }
}
