using System.Management.Automation;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.BatchApproval.Operations;

namespace ApprovalTools.Commands
{
    /// <summary>Test-BatchApproval: the support check alone, one BatchTaskSupport (TaskId, Supported, Reason) per task id.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "BatchApproval")]
    [OutputType(typeof(BatchTaskSupport))]
    public sealed class TestBatchApprovalCommand : BatchApprovalCmdlet
    {
        private TestBatchApprovalOperation? _operation;

        [Parameter(Mandatory = true)]
        [Alias("user_id")]
        [ValidateNotNullOrEmpty]
        public string UserId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("task_id", "Id")]
        [AllowEmptyString, AllowEmptyCollection, AllowNull]
        public string[]? TaskId { get; set; }

        protected override void BeginProcessing() => _operation = new TestBatchApprovalOperation(ResolveConnection().Client, RequireUserId(UserId), Sink);

        protected override void ProcessRecord() => Run(() =>
        {
            if (TaskId == null) _operation!.Add(null);
            else foreach (var id in TaskId) _operation!.Add(id);
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());
    }
}
