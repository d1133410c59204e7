using System.Management.Automation;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Operations;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Clear-ExternalInstance: the FAQ's "clear all abnormal/historical data" recipe. Sends each instance as REPLACE
    /// with status APPROVED and no user: its tasks and cc entries are deleted and nobody can see it any more.
    /// IRREVERSIBLE: try it in a test tenant or against Connect-Feishu -Sandbox first. ConfirmImpact High: asks per
    /// instance unless -Force or -Confirm:$false; -WhatIf lists each instance (approval code + instance id) and sends nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "ExternalInstance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(SyncResult))]
    public sealed class ClearExternalInstanceCommand : ApprovalCmdlet
    {
        private ClearExternalInstanceOperation? _operation;

        /// <summary>The approval definition code (Get-ApprovalTask's ApprovalCode / definition_code).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("approval_code", "DefinitionCode", "definition_code")]
        [AllowNull, AllowEmptyString]
        public string ApprovalCode { get; set; } = string.Empty;

        /// <summary>
        /// The third-party instance id (Get-ApprovalTask's InstanceId / process_external_id). Null/empty binds, so the
        /// operation can say why such an item cannot be cleared (e.g. a task of a Feishu-native approval).
        /// </summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("instance_id", "process_external_id")]
        [AllowNull, AllowEmptyString]
        public string InstanceId { get; set; } = string.Empty;

        /// <summary>The piped object itself, so an error record names it; the values come from its properties.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>links.pc_link sent with the cleared instance (the API requires one; nobody can open it afterwards).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string PcLink { get; set; } = ClearPayload.DefaultPcLink;

        /// <summary>Clears without asking (as -Confirm:$false); -WhatIf still only lists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateRange(1, 50)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        public FeishuConnection? Connection { get; set; }

        protected override void BeginProcessing()
        {
            var options = new ClearExternalInstanceOptions { PcLink = PcLink, ThrottleLimit = ThrottleLimit };
            // -Force answers the High-impact question itself unless -WhatIf or an explicit -Confirm asks otherwise.
            var connection = RequireConnection(Connection);
            var sink = Force && !WhatIfRequested() && !ConfirmRequested() ? new ForcedConfirmSink(Sink, connection.Tenant) : (IOperationSink)Sink;
            _operation = new ClearExternalInstanceOperation(connection, sink, options);
            StopReport = _operation;
        }

        protected override void ProcessRecord() => Run(() => _operation!.Process(ApprovalCode, InstanceId, CurrentTarget()));

        protected override void EndProcessing() => Run(() => _operation!.Complete());

        /// <summary>The piped object when there is one (error records name it), else the two values.</summary>
        private object CurrentTarget() => (object?)InputObject ?? $"{ApprovalCode}/{InstanceId}";

        private bool ConfirmRequested() => MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && c is SwitchParameter s && s.IsPresent;

        private bool WhatIfRequested() =>
            (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter s && s.IsPresent)
            || LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
    }
}
