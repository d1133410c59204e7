using System.Management.Automation;
using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// One bad item among good ones: exactly one non-terminating error for it, with a stable ErrorId, a category, and the
/// input item itself as TargetObject (so `$rows | Where-Object { $_ -in $errors.TargetObject }` finds the rows to
/// retry); the good items still come out.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class ErrorRecordTests : IClassFixture<SandboxSessionFixture>
{
    private readonly PowerShellSession _ps;

    public ErrorRecordTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

    /// <summary>Runs <paramref name="command"/> over $rows (built by <paramref name="rows"/>, the bad one second) and checks the rule.</summary>
    private void OneErrorForTheBadRow(string rows, string command, string errorId, ErrorCategory category, int goodOutputs)
    {
        var result = _ps.Run($"$global:rows = @({rows}); $rows | {command}").AssertCompleted();

        var error = Assert.Single(result.Errors);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(category, error.CategoryInfo.Category);
        var isBadRow = _ps.Run("param($e) [object]::ReferenceEquals(($e.TargetObject.psobject.BaseObject), ($rows[1].psobject.BaseObject)) -or $e.TargetObject -eq $rows[1]", error)
            .AssertCompleted().Output.Single();
        Assert.True((bool)isBadRow.BaseObject, $"TargetObject is {error.TargetObject?.GetType().FullName}: {error.TargetObject}, not the input row");
        var retry = _ps.Run("param($e) @($rows | Where-Object { $_ -in @($e.TargetObject) }).Count", error).Output.Single();
        Assert.Equal(1, (int)retry.BaseObject);
        Assert.Equal(goodOutputs, result.Output.Count);
    }

    [Fact]
    public void Sync_ExternalInstance() => OneErrorForTheBadRow(
        "(New-TestInstance -Id \"err-sync-a-$([guid]::NewGuid())\"), (New-TestInstance -Id ''), (New-TestInstance -Id \"err-sync-b-$([guid]::NewGuid())\")",
        "Sync-ExternalInstance -Connection $feishu", "ExternalInstanceInvalid", ErrorCategory.InvalidArgument, 2);

    [Fact]
    public void Test_ExternalInstance() => OneErrorForTheBadRow(
        "(New-TestInstance -Id \"err-test-a-$([guid]::NewGuid())\"), (New-TestInstance -Id ''), (New-TestInstance -Id \"err-test-b-$([guid]::NewGuid())\")",
        "Test-ExternalInstance -Connection $feishu", "ExternalInstanceInvalid", ErrorCategory.InvalidArgument, 2);

    [Fact]
    public void Get_ApprovalTask() => OneErrorForTheBadRow(
        "'manager1', '   ', 'finance1'",
        "Get-ApprovalTask -UserIdType user_id -Connection $feishu | Select-Object -First 0", "TaskQueryInvalid", ErrorCategory.InvalidArgument, 0);

    [Fact]
    public void Clear_ExternalInstance() => OneErrorForTheBadRow(
        "[pscustomobject]@{ ApprovalCode = 'PS-ERR'; InstanceId = \"err-clear-$([guid]::NewGuid())\" }, [pscustomobject]@{ ApprovalCode = 'PS-ERR'; InstanceId = '' }",
        "Clear-ExternalInstance -Force -Connection $feishu", "ClearTargetInvalid", ErrorCategory.InvalidArgument, 1);

    [Fact]
    public void Test_BatchApproval() => OneErrorForTheBadRow(
        "'t-ok-1', 'unsupported-err-1', 't-ok-2'",
        "Test-BatchApproval -UserId u-err -Connection $batch | Where-Object { -not $_.Supported } | ForEach-Object { Write-Error -Message 'x' -ErrorId BatchTaskUnsupported -Category InvalidOperation -TargetObject $_.TaskId }",
        "BatchTaskUnsupported", ErrorCategory.InvalidOperation, 0);

    [Fact]
    public void Submit_BatchApproval() => OneErrorForTheBadRow(
        "'t-sub-1', 'unsupported-sub-1', 't-sub-2'",
        "Submit-BatchApproval -UserId u-err -Connection $batch", "BatchTaskUnsupported", ErrorCategory.InvalidOperation, 1);

    [Fact]
    public void Get_BatchApprovalProgress()
    {
        var number = _ps.Run("(Submit-BatchApproval -UserId u-err -TaskId t-prog-1 -Connection $batch).BatchNumber").AssertCompleted().Output.Single().ToString();
        OneErrorForTheBadRow(
            $"[pscustomobject]@{{ UserId = 'u-err'; BatchNumber = '{number}' }}, [pscustomobject]@{{ UserId = 'u-err'; BatchNumber = 'no-such-batch' }}",
            "Get-BatchApprovalProgress -Connection $batch", "BatchNotFound", ErrorCategory.ObjectNotFound, 1);
    }

    [Fact]
    public void Invoke_NodeOperation() => OneErrorForTheBadRow(
        "[pscustomobject]@{ ProjectKey = 'demo'; WorkItemTypeKey = 'story'; WorkItemId = '1001'; NodeId = 'start'; Action = 'Confirm' }, [pscustomobject]@{ ProjectKey = 'demo'; WorkItemTypeKey = 'story'; WorkItemId = '1001'; NodeId = 'start'; Action = 'Rollback' }",
        "Invoke-NodeOperation -Connection $project", "RollbackReasonRequired", ErrorCategory.InvalidArgument, 1);

    [Fact]
    public void Get_BatchApprovalProgress_of_piped_batches()
    {
        var number = _ps.Run("(Submit-BatchApproval -UserId u-err -TaskId t-prog-2 -Connection $batch).BatchNumber").AssertCompleted().Output.Single().ToString();
        OneErrorForTheBadRow(
            $"(Get-BatchApprovalProgress -UserId u-err -BatchNumber '{number}' -Connection $batch), [ApprovalTools.Core.BatchApproval.ApprovalBatch]::new('u-err', 'no-such-batch-2', $null, $null)",
            "Get-BatchApprovalProgress -Connection $batch", "BatchNotFound", ErrorCategory.ObjectNotFound, 1);
    }

    [Fact]
    public void Invoke_NodeOperation_with_a_failure_from_the_server() => OneErrorForTheBadRow(
        "[pscustomobject]@{ ProjectKey = 'demo'; WorkItemTypeKey = 'story'; WorkItemId = '1002'; NodeId = 'start'; Action = 'Confirm' }, [pscustomobject]@{ ProjectKey = 'demo'; WorkItemTypeKey = 'story'; WorkItemId = '1002'; NodeId = 'no-such-node'; Action = 'Confirm' }",
        "Invoke-NodeOperation -Connection $project", "NodeNotFound", ErrorCategory.ObjectNotFound, 1);
}
