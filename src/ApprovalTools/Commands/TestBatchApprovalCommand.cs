using System.Management.Automation;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Infrastructure;

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

        /// <summary>
        /// Task ids, or objects carrying one (TaskId, task_id or Id: hashtables, Import-Csv rows, Test-BatchApproval
        /// output). Typed object[] so that PowerShell never turns an object into a string (a type name, "@{Name=x}")
        /// before the intake reads its id.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("task_id", "Id")]
        [AllowEmptyString, AllowEmptyCollection, AllowNull]
        public object?[]? TaskId { get; set; }

        protected override void BeginProcessing() => _operation = new TestBatchApprovalOperation(RequireConnection(Connection), RequireUserId(UserId), Sink, PSObjectAdapter.ToPlain);

        protected override void ProcessRecord() => Run(() =>
        {
            if (TaskId == null) _operation!.Add(null);
            else foreach (var id in TaskId) _operation!.Add(id);
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());
    }
}
