using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// What an admin sees at the prompt: every output type has a table view, the table shows that view's columns, and
/// the columns hold the object's values (a column naming a missing property would print blank).
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class FormatViewTests : IClassFixture<SandboxSessionFixture>
{
    private readonly PowerShellSession _ps;

    public FormatViewTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

    public static TheoryData<string, string> Samples => new()
    {
        { "SyncResult", "New-TestInstance -Id \"view-$([guid]::NewGuid().ToString('N'))\" | Sync-ExternalInstance -Connection $feishu" },
        { "ExternalInstanceDiff", "New-TestInstance -Id \"view-$([guid]::NewGuid().ToString('N'))\" | Test-ExternalInstance -Connection $feishu" },
        { "ApprovalTask", "New-TestInstance -Id \"view-$([guid]::NewGuid().ToString('N'))\" -User view-user | Sync-ExternalInstance -Connection $feishu | Out-Null; Get-ApprovalTask -UserId view-user -UserIdType user_id -Connection $feishu | Select-Object -First 1" },
        { "ApprovalBatch", "Submit-BatchApproval -UserId u-view -TaskId view-1 -Connection $batch" },
        { "BatchTaskSupport", "Test-BatchApproval -UserId u-view -TaskId view-2 -Connection $batch" },
        { "NodeOperationResult", "Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1001 -NodeId start -Action Confirm -Connection $project" },
        { "FeishuConnection", "$feishu" },
        { "BatchApprovalConnection", "$batch" },
        { "FeishuProjectConnection", "$project" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_default_table_shows_the_view_columns_with_values(string type, string make)
    {
        var result = _ps.Run($$"""
            $o = @({{make}})[0]
            if ($null -eq $o) { throw 'the sample command wrote nothing' }
            $view = Get-FormatData -TypeName $o.GetType().FullName -PowerShellVersion $PSVersionTable.PSVersion |
                ForEach-Object FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
            if (-not $view) { throw "no table view for $($o.GetType().FullName)" }
            $labels = for ($i = 0; $i -lt $view.Control.Headers.Count; $i++) {
                $label = $view.Control.Headers[$i].Label
                if ($label) { $label } else { $view.Control.Rows[0].Columns[$i].DisplayEntry.Value }
            }
            $missing = @($view.Control.Rows[0].Columns | Where-Object { $_.DisplayEntry.ValueType -eq 'Property' -and -not $o.psobject.Properties[$_.DisplayEntry.Value] } |
                ForEach-Object { $_.DisplayEntry.Value })
            $lines = @(($o | Out-String -Width 250) -split "`r?`n" | Where-Object { $_.Trim() })
            [pscustomobject]@{ Type = $o.GetType().Name; Labels = @($labels); Header = $lines[0]; Row = $lines[2]; Missing = $missing -join ',' }
            """).AssertCompleted();

        var s = result.Output.Single();
        Assert.Equal(type, s.Properties["Type"].Value);
        var labels = ((object[])s.Properties["Labels"].Value).Select(l => l.ToString()!).ToList();
        var header = string.Join(' ', s.Properties["Header"].Value!.ToString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(string.Join(' ', labels), header);
        Assert.Equal(string.Empty, s.Properties["Missing"].Value);
        var row = s.Properties["Row"].Value?.ToString() ?? string.Empty;
        Assert.True(row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= Math.Min(2, labels.Count), $"the first row is nearly empty: '{row}'");
    }
}
