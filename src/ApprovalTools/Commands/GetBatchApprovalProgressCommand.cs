using System;
using System.Management.Automation;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.BatchApproval.Operations;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Get-BatchApprovalProgress: reads (or with -Wait follows to the end) batches given as ApprovalBatch objects
    /// or as -UserId and -BatchNumber, so a batch submitted in an earlier session can be followed again.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "BatchApprovalProgress", DefaultParameterSetName = "ByNumber")]
    [OutputType(typeof(ApprovalBatch))]
    public sealed class GetBatchApprovalProgressCommand : BatchApprovalCmdlet
    {
        private GetBatchApprovalProgressOperation? _operation;

        [Parameter(Mandatory = true, ParameterSetName = "Batch", ValueFromPipeline = true)]
        public ApprovalBatch[]? Batch { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ByNumber", ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public string UserId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = "ByNumber", ValueFromPipelineByPropertyName = true)]
        [Alias("batch_number")]
        public string BatchNumber { get; set; } = string.Empty;

        /// <summary>The piped row itself, so an error record names it; the values come from its properties.</summary>
        [Parameter(ParameterSetName = "ByNumber", ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(0.05, 3600.0)]
        public double PollInterval { get; set; } = 2;

        protected override void BeginProcessing()
        {
            var wait = BatchWaitOptions.Every(PollInterval);
            _operation = new GetBatchApprovalProgressOperation(RequireConnection(Connection), Wait.IsPresent, wait, Sink);
        }

        protected override void ProcessRecord() => Run(() =>
        {
            if (ParameterSetName == "Batch")
            {
                foreach (var batch in Batch ?? Array.Empty<ApprovalBatch>()) _operation!.Add(batch);
            }
            else if (InputObject?.BaseObject is ApprovalBatch piped)
            {
                _operation!.Add(piped, InputObject);
            }
            else
            {
                _operation!.Add(UserId, BatchNumber, InputObject);
            }
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());
    }
}
