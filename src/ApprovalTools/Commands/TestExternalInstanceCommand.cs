using System;
using System.Management.Automation;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Test-ExternalInstance: checks instances against the server in batches (-BatchSize, default 50) and writes one
    /// ExternalInstanceDiff per out-of-sync instance; pipe the diffs into Sync-ExternalInstance to resync them.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "ExternalInstance")]
    [OutputType(typeof(ExternalInstanceDiff))]
    public sealed class TestExternalInstanceCommand : ApprovalCmdlet
    {
        private TestExternalInstanceOperation? _operation;
        private readonly TestExternalInstanceOptions _options = new TestExternalInstanceOptions { InputAdapter = PSObjectAdapter.ToPlain };

        /// <summary>Full instances, or records of instance_id + update_time + tasks (task_id, update_time).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Instance")]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>Instances per check call (default 50; at most 100, the assumed server maximum).</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int BatchSize { get; set; } = 50;

        [Parameter]
        [ValidateRange(1, 50)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        public FeishuConnection? Connection { get; set; }

        protected override void BeginProcessing()
        {
            _options.BatchSize = BatchSize;
            _options.ThrottleLimit = ThrottleLimit;
            _operation = new TestExternalInstanceOperation(RequireConnection(Connection), Sink, _options);
        }

        protected override void ProcessRecord()
        {
            if (!MyInvocation.ExpectingInput) _options.ExpectedTotal = InputObject.Length;
            Run(() =>
            {
                foreach (var item in InputObject) _operation!.Process(item);
            });
        }

        protected override void EndProcessing() => Run(() => _operation!.Complete());
    }
}
