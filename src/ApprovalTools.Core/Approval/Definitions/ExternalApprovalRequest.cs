using System;
using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Approval.Definitions
{
    /// <summary>Who sees a definition on the "start approval" page (wire viewer_type).</summary>
    public enum ViewerType { Tenant, Department, User, None }

    /// <summary>
    /// A third-party approval definition to create or update (POST /open-apis/approval/v4/external_approvals, an upsert
    /// keyed by approval_code). Names and descriptions are plain text here; the wire's @i18n@ keys and i18n_resources
    /// are made from them in <see cref="Locale"/>.
    /// </summary>
    public sealed class ExternalApprovalRequest
    {
        public string? ApprovalCode { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? GroupCode { get; set; }
        public string? GroupName { get; set; }

        /// <summary>Which system the approval comes from, shown as "来自 …" in the lists (wire external.biz_name).</summary>
        public string? BizName { get; set; }

        public string? CreateLinkPc { get; set; }
        public string? CreateLinkMobile { get; set; }
        public bool SupportPc { get; set; }
        public bool SupportMobile { get; set; }
        public string? ActionCallbackUrl { get; set; }

        /// <summary>Sent back by Feishu on quick-approval callbacks; a secret, never shown.</summary>
        public Secret? ActionCallbackToken { get; set; }

        /// <summary>Encrypts callback parameters; a secret, never shown.</summary>
        public Secret? ActionCallbackKey { get; set; }

        public ViewerType Viewer { get; set; } = ViewerType.Tenant;

        /// <summary>User or department ids when <see cref="Viewer"/> is User or Department (at most 200).</summary>
        public IList<string> ViewerIds { get; set; } = new List<string>();

        /// <summary>Process managers' user ids (at most 200).</summary>
        public IList<string> Managers { get; set; } = new List<string>();

        public string Locale { get; set; } = "zh-CN";

        /// <summary>The create page's rules, checked before sending; empty when valid.</summary>
        public List<FieldViolation> Validate()
        {
            var v = new List<FieldViolation>();
            if (string.IsNullOrWhiteSpace(ApprovalCode)) v.Add(new FieldViolation("approval_code", "required"));
            else if (ApprovalCode!.Trim().Length > 128) v.Add(new FieldViolation("approval_code", "at most 128 characters"));
            if (string.IsNullOrWhiteSpace(Name)) v.Add(new FieldViolation("approval_name", "required (the definition's name)"));
            if (!SupportPc && !SupportMobile) v.Add(new FieldViolation("external.support_pc", "support_pc and support_mobile cannot both be false"));
            foreach (var (field, url) in new[] { ("external.create_link_pc", CreateLinkPc), ("external.create_link_mobile", CreateLinkMobile), ("external.action_callback_url", ActionCallbackUrl) })
            {
                if (!string.IsNullOrEmpty(url) && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == "https" || u.Scheme == "http")))
                    v.Add(new FieldViolation(field, $"must be an absolute http(s) URL (got '{url}')"));
            }
            if ((Viewer == ViewerType.User || Viewer == ViewerType.Department) && ViewerIds.Count == 0)
                v.Add(new FieldViolation("viewers", $"viewer type {Viewer} needs ids"));
            if (ViewerIds.Count > 200) v.Add(new FieldViolation("viewers", "at most 200 entries"));
            if (Managers.Count > 200) v.Add(new FieldViolation("managers", "at most 200 user ids"));
            if (ViewerIds.Concat(Managers).Any(string.IsNullOrWhiteSpace)) v.Add(new FieldViolation("viewers/managers", "contains an empty id"));
            return v;
        }

        public override string ToString() => $"external approval '{ApprovalCode}'" + (string.IsNullOrEmpty(Name) ? string.Empty : $" ({Name})");
    }
}
