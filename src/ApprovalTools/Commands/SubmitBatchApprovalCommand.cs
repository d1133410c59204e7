using System;
using System.Management.Automation;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Submit-BatchApproval: checks support, submits the supported task ids in batches of at most 200 and emits
    /// one ApprovalBatch per batch. Asynchronous on the server: without -Wait it returns once the batches are
    /// accepted; -Wait follows them to the end with one progress bar and reports failed tasks as errors.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Submit, "BatchApproval", SupportsShouldProcess = true)]
    [OutputType(typeof(ApprovalBatch))]
    public sealed class SubmitBatchApprovalCommand : BatchTaskCmdlet
    {
        private SubmitBatchApprovalOperation? _operation;

        /// <summary>Do not call _check first; the server rejects a whole batch that holds an unsupported task.</summary>
        [Parameter]
        public SwitchParameter SkipCheck { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Seconds between progress reads with -Wait (backing off to 30 s while nothing moves).</summary>
        [Parameter]
        [ValidateRange(0.05, 3600.0)]
        public double PollInterval { get; set; } = 2;

        protected override void BeginProcessing()
        {
            var options = new SubmitBatchApprovalOptions(RequireUserId(UserId))
            {
                SkipCheck = SkipCheck.IsPresent, Wait = Wait.IsPresent, InputAdapter = PSObjectAdapter.ToPlain, WaitOptions = BatchWaitOptions.Every(PollInterval),
            };
            _operation = new SubmitBatchApprovalOperation(RequireConnection(Connection), options, Sink);
            StopReport = _operation;
        }

        protected override void ProcessRecord() => AddTaskIds(id => _operation!.Add(id));

        protected override void EndProcessing() => Run(() => _operation!.Complete());
    }
}
