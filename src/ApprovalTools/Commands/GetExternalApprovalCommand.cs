using System.Management.Automation;
using ApprovalTools.Core.Approval.Definitions;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Get-ExternalApproval: third-party approval definitions by code (GET /open-apis/approval/v4/external_approvals/:approval_code).</summary>
    [Cmdlet(VerbsCommon.Get, "ExternalApproval")]
    [OutputType(typeof(ExternalApproval))]
    public sealed class GetExternalApprovalCommand : ApprovalCmdlet
    {
        private GetExternalApprovalOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("approval_code")]
        public string[] ApprovalCode { get; set; } = System.Array.Empty<string>();

        [Parameter]
        public FeishuConnection? Connection { get; set; }

        protected override void BeginProcessing() => _operation = new GetExternalApprovalOperation(RequireConnection(Connection), Sink);

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var code in ApprovalCode) _operation!.Process(code);
        });
    }
}
