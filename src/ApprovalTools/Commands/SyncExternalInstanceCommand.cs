using System;
using System.Management.Automation;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Sync-ExternalInstance: creates or updates third-party approval instances. -Mode Update (the default) never
    /// deletes and never lets older data overwrite newer; -Mode Replace asks before each instance unless -Force or
    /// -Confirm:$false. ConfirmImpact is Medium so UPDATE runs unattended; REPLACE's extra question is ShouldContinue.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "ExternalInstance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SyncResult))]
    public sealed class SyncExternalInstanceCommand : ApprovalCmdlet
    {
        private SyncExternalInstanceOperation? _operation;
        private readonly SyncExternalInstanceOptions _options = new SyncExternalInstanceOptions { InputAdapter = PSObjectAdapter.ToPlain };

        /// <summary>Instances (typed, hashtables, ConvertFrom-Json objects, JSON text) or diffs from Test-ExternalInstance.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Instance")]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        [Parameter]
        public UpdateMode Mode { get; set; } = UpdateMode.Update;

        [Parameter]
        [ValidateRange(1, 50)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>
        /// After syncing, check each instance with the check API (in batches) and set Verified on its result: Applied,
        /// or NotApplied with the server's times plus a warning when the server silently kept older data.
        /// </summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <summary>REPLACE without the per-instance question.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public FeishuConnection? Connection { get; set; }

        protected override void BeginProcessing()
        {
            _options.Mode = Mode;
            _options.ThrottleLimit = ThrottleLimit;
            _options.Verify = Verify;
            _operation = new SyncExternalInstanceOperation(RequireConnection(Connection), Sink, _options);
            StopReport = _operation;
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
