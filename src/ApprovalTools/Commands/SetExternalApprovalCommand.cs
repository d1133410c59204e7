using System.Management.Automation;
using System.Security;
using ApprovalTools.Core.Approval.Definitions;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Set-ExternalApproval: creates or updates a third-party approval definition (POST /open-apis/approval/v4/external_approvals,
    /// an upsert keyed by approval_code, hence Set rather than New). The output's ApprovalCode is what instances must carry.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ExternalApproval", SupportsShouldProcess = true)]
    [OutputType(typeof(ExternalApproval))]
    public sealed class SetExternalApprovalCommand : ApprovalCmdlet
    {
        private SetExternalApprovalOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("approval_code")]
        public string ApprovalCode { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("approval_name")]
        public string Name { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("group_code")]
        public string? GroupCode { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("group_name")]
        public string? GroupName { get; set; }

        [Parameter]
        public string? BizName { get; set; }

        [Parameter]
        public string? CreateLinkPc { get; set; }

        [Parameter]
        public string? CreateLinkMobile { get; set; }

        [Parameter]
        public SwitchParameter SupportPc { get; set; }

        [Parameter]
        public SwitchParameter SupportMobile { get; set; }

        [Parameter]
        public string? ActionCallbackUrl { get; set; }

        [Parameter]
        public SecureString? ActionCallbackToken { get; set; }

        [Parameter]
        public SecureString? ActionCallbackKey { get; set; }

        [Parameter]
        public ViewerType Viewer { get; set; } = ViewerType.Tenant;

        [Parameter]
        public string[]? ViewerId { get; set; }

        [Parameter]
        public string[]? Manager { get; set; }

        [Parameter]
        [ValidateSet("zh-CN", "en-US", "ja-JP", "zh-HK", "zh-TW", "de-DE", "es-ES", "fr-FR", "id-ID", "it-IT", "ko-KR", "pt-BR", "th-TH", "vi-VN", "ms-MY", "ru-RU")]
        public string Locale { get; set; } = "zh-CN";

        [Parameter]
        public FeishuConnection? Connection { get; set; }

        protected override void BeginProcessing() => _operation = new SetExternalApprovalOperation(RequireConnection(Connection), Sink);

        protected override void ProcessRecord() => Run(() => _operation!.Process(new ExternalApprovalRequest
        {
            ApprovalCode = ApprovalCode, Name = Name, Description = Description, GroupCode = GroupCode, GroupName = GroupName, BizName = BizName,
            CreateLinkPc = CreateLinkPc, CreateLinkMobile = CreateLinkMobile, SupportPc = SupportPc, SupportMobile = SupportMobile,
            ActionCallbackUrl = ActionCallbackUrl,
            ActionCallbackToken = ActionCallbackToken == null ? null : SecureStrings.ToSecret(ActionCallbackToken),
            ActionCallbackKey = ActionCallbackKey == null ? null : SecureStrings.ToSecret(ActionCallbackKey),
            Viewer = Viewer, ViewerIds = ViewerId ?? System.Array.Empty<string>(), Managers = Manager ?? System.Array.Empty<string>(), Locale = Locale,
        }, ApprovalCode));
    }
}
