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
    public sealed class SubmitBatchApprovalCommand : BatchApprovalCmdlet
    {
        private SubmitBatchApprovalOperation? _operation;

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
            var options = new SubmitBatchApprovalOptions(RequireUserId(UserId)) { SkipCheck = SkipCheck.IsPresent, Wait = Wait.IsPresent, InputAdapter = PSObjectAdapter.ToPlain };
            options.WaitOptions.PollInterval = TimeSpan.FromSeconds(PollInterval);
            if (options.WaitOptions.MaxPollInterval < options.WaitOptions.PollInterval) options.WaitOptions.MaxPollInterval = options.WaitOptions.PollInterval;
            _operation = new SubmitBatchApprovalOperation(RequireConnection(Connection), options, Sink);
            StopReport = _operation;
        }

        protected override void ProcessRecord() => Run(() =>
        {
            if (TaskId == null) _operation!.Add(null);
            else foreach (var id in TaskId) _operation!.Add(id);
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());
    }
}
