using System.Management.Automation;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Test-BatchApproval: the support check alone, one BatchTaskSupport (TaskId, Supported, Reason) per task id.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "BatchApproval")]
    [OutputType(typeof(BatchTaskSupport))]
    public sealed class TestBatchApprovalCommand : BatchTaskCmdlet
    {
        private TestBatchApprovalOperation? _operation;

        protected override void BeginProcessing() => _operation = new TestBatchApprovalOperation(RequireConnection(Connection), RequireUserId(UserId), Sink, PSObjectAdapter.ToPlain);

        protected override void ProcessRecord() => AddTaskIds(id => _operation!.Add(id));

        protected override void EndProcessing() => Run(() => _operation!.Complete());
    }
}
