using System;
using System.Collections.Generic;

namespace ApprovalTools.Core.Approval.Definitions
{
    /// <summary>
    /// A third-party approval definition as Feishu holds it. <see cref="ApprovalCode"/> is the code instances are synced
    /// with (the approval_code of Sync-ExternalInstance's input); callback token and key are never part of it.
    /// </summary>
    public sealed class ExternalApproval
    {
        /// <summary>The code Feishu answered: for a new definition Feishu's own code, which instances must carry.</summary>
        public string ApprovalCode { get; set; } = string.Empty;

        /// <summary>The code that was sent (Set-ExternalApproval) or asked for (Get-ExternalApproval).</summary>
        public string RequestedCode { get; set; } = string.Empty;

        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? GroupCode { get; set; }
        public string? GroupName { get; set; }
        public string? CreateLinkPc { get; set; }
        public string? CreateLinkMobile { get; set; }
        public bool SupportPc { get; set; }
        public bool SupportMobile { get; set; }
        public string? ActionCallbackUrl { get; set; }
        public IReadOnlyList<string> Viewers { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Managers { get; set; } = Array.Empty<string>();
        public string? LogId { get; set; }

        public override string ToString() => ApprovalCode + (Name == null ? string.Empty : " " + Name);
    }
}
