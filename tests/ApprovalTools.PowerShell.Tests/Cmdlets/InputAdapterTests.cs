using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// What PowerShell hands Sync-ExternalInstance, as users produce it: every shape reaches the server as the same
/// instance (the module's PSObject adapter turns each into plain data).
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class InputAdapterTests : IClassFixture<SandboxSessionFixture>
{
    private readonly PowerShellSession _ps;

    public InputAdapterTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

    public static TheoryData<string, string> Shapes => new()
    {
        { "hashtable", "New-TestInstance -Id $id" },
        { "ordered dictionary", "$h = New-TestInstance -Id $id; $o = [ordered]@{}; foreach ($k in $h.Keys) { $o[$k] = $h[$k] }; $o" },
        { "pscustomobject", "[pscustomobject](New-TestInstance -Id $id)" },
        { "ConvertFrom-Json", "New-TestInstance -Id $id | ConvertTo-Json -Depth 8 | ConvertFrom-Json" },
        { "JSON text", "New-TestInstance -Id $id | ConvertTo-Json -Depth 8" },
        { "hashtable with pscustomobject inside", "$h = New-TestInstance -Id $id; $h.links = [pscustomobject]$h.links; $h.task_list = @($h.task_list | ForEach-Object { [pscustomobject]$_ }); $h" },
        { "generic Dictionary and List with pscustomobject inside", "$h = New-TestInstance -Id $id; $d = [System.Collections.Generic.Dictionary[string,object]]::new(); foreach ($k in $h.Keys) { $d[$k] = $h[$k] }; $d['links'] = [pscustomobject]$h.links; $d['task_list'] = [System.Collections.Generic.List[object]]@($h.task_list | ForEach-Object { [pscustomobject]$_ }); $d" },
        { "object with a note property added", "$h = New-TestInstance -Id $id; $h.Remove('title'); $o = [pscustomobject]$h; $o | Add-Member -NotePropertyName title -NotePropertyValue \"title of $id\"; $o" },
        { "Import-Clixml round trip", "$p = Join-Path ([IO.Path]::GetTempPath()) \"$id.xml\"; New-TestInstance -Id $id | Export-Clixml $p -Depth 8; Import-Clixml $p; Remove-Item $p" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_input_shape_reaches_the_server_as_the_same_instance(string shape, string make)
    {
        var id = "shape-" + Guid.NewGuid().ToString("N")[..10];
        var result = _ps.Run($"$id = $args[0]; & {{ {make} }} | Sync-ExternalInstance -Connection $feishu", id).AssertCompleted();

        Assert.True(result.Errors.Count == 0, $"{shape}: {result.Describe()}");
        var synced = Assert.Single(result.Output);
        Assert.Equal(id, synced.Properties["InstanceId"].Value?.ToString());
        Assert.Equal(new[] { $"title of {id}", "PENDING", "1" }, Stored(id));
    }

    [Fact]
    public void A_typed_object_of_a_PowerShell_class_is_read_by_its_properties()
    {
        var id = "class-" + Guid.NewGuid().ToString("N")[..10];
        var result = _ps.Run("""
            class PurchaseOrder { [string] $approval_code; [string] $instance_id; [string] $status; [hashtable] $links
                                  [string] $title; [string] $user_id; [string] $start_time; [string] $end_time
                                  [string] $update_time; [object[]] $task_list; [object[]] $i18n_resources }
            $h = New-TestInstance -Id $args[0]
            $po = [PurchaseOrder]::new()
            foreach ($k in $h.Keys) { $po.$k = $h[$k] }
            $po | Sync-ExternalInstance -Connection $feishu
            """, id).AssertCompleted();

        Assert.True(result.Errors.Count == 0, result.Describe());
        Assert.Equal(id, Assert.Single(result.Output).Properties["InstanceId"].Value?.ToString());
        Assert.Equal(new[] { $"title of {id}", "PENDING", "1" }, Stored(id));
    }

    [Fact]
    public void Csv_rows_bind_by_property_name_into_node_operations()
    {
        var result = _ps.Run("""
            $csv = Join-Path ([IO.Path]::GetTempPath()) "nodes-$([guid]::NewGuid()).csv"
            @(
                [pscustomobject]@{ ProjectKey = 'demo'; WorkItemTypeKey = 'story'; WorkItemId = '1002'; NodeId = 'start'; Action = 'Confirm' }
                [pscustomobject]@{ ProjectKey = 'demo'; WorkItemTypeKey = 'story'; WorkItemId = '1003'; NodeId = 'start'; Action = 'Confirm' }
            ) | Export-Csv $csv -NoTypeInformation
            Import-Csv $csv | Invoke-NodeOperation -Connection $project
            Remove-Item $csv
            """).AssertCompleted();

        Assert.True(result.Errors.Count == 0, result.Describe());
        Assert.Equal(new[] { "1002", "1003" }, result.Output.Select(o => o.Properties["WorkItemId"].Value?.ToString()).OrderBy(x => x));
    }

    /// <summary>Title, status and task count of the instance as the sandbox holds it.</summary>
    private string[] Stored(string id) =>
        _ps.Run("$i = $sandbox.Approval.Instance($args[0]); $i['title']; $i.Status; $i.Tasks.Count", id)
            .AssertCompleted().Output.Select(o => o.ToString()).ToArray();
}
