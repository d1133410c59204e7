using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace ApprovalTools.Core.Approval.Definitions
{
    // Wire shapes of "创建三方审批定义" / "查看指定三方审批定义" (node-sdk approval.v4.externalApproval, oapi-sdk-go ExternalApproval).

    public sealed class ExternalApprovalWire
    {
        [JsonPropertyName("approval_name")] public string? ApprovalName { get; set; }
        [JsonPropertyName("approval_code")] public string? ApprovalCode { get; set; }
        [JsonPropertyName("group_code")] public string? GroupCode { get; set; }
        [JsonPropertyName("group_name")] public string? GroupName { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("external")] public ExternalSettingsWire? External { get; set; }
        [JsonPropertyName("viewers")] public List<ViewerWire>? Viewers { get; set; }
        [JsonPropertyName("i18n_resources")] public List<I18nWire>? I18nResources { get; set; }
        [JsonPropertyName("managers")] public List<string>? Managers { get; set; }
    }

    public sealed class ExternalSettingsWire
    {
        [JsonPropertyName("biz_name")] public string? BizName { get; set; }
        [JsonPropertyName("create_link_pc")] public string? CreateLinkPc { get; set; }
        [JsonPropertyName("create_link_mobile")] public string? CreateLinkMobile { get; set; }
        [JsonPropertyName("support_pc")] public bool? SupportPc { get; set; }
        [JsonPropertyName("support_mobile")] public bool? SupportMobile { get; set; }
        [JsonPropertyName("action_callback_url")] public string? ActionCallbackUrl { get; set; }
        [JsonPropertyName("action_callback_token")] public string? ActionCallbackToken { get; set; }
        [JsonPropertyName("action_callback_key")] public string? ActionCallbackKey { get; set; }
    }

    public sealed class ViewerWire
    {
        [JsonPropertyName("viewer_type")] public string? ViewerType { get; set; }
        [JsonPropertyName("viewer_user_id")] public string? ViewerUserId { get; set; }
        [JsonPropertyName("viewer_department_id")] public string? ViewerDepartmentId { get; set; }
    }

    public sealed class I18nWire
    {
        [JsonPropertyName("locale")] public string? Locale { get; set; }
        [JsonPropertyName("texts")] public List<I18nTextWire>? Texts { get; set; }
        [JsonPropertyName("is_default")] public bool IsDefault { get; set; }
    }

    public sealed class I18nTextWire
    {
        [JsonPropertyName("key")] public string? Key { get; set; }
        [JsonPropertyName("value")] public string? Value { get; set; }
    }

    public sealed class CreateExternalApprovalData
    {
        [JsonPropertyName("approval_code")] public string? ApprovalCode { get; set; }
    }

    internal static class ExternalApprovalMapping
    {
        private const string NameKey = "@i18n@approval_name", DescriptionKey = "@i18n@description", GroupKey = "@i18n@group_name", BizKey = "@i18n@biz_name";

        public static ExternalApprovalWire ToWire(ExternalApprovalRequest r)
        {
            var texts = new List<I18nTextWire> { new I18nTextWire { Key = NameKey, Value = r.Name!.Trim() } };
            string? Text(string key, string? value)
            {
                if (string.IsNullOrWhiteSpace(value)) return null;
                texts.Add(new I18nTextWire { Key = key, Value = value!.Trim() });
                return key;
            }
            var wire = new ExternalApprovalWire
            {
                ApprovalName = NameKey,
                ApprovalCode = r.ApprovalCode!.Trim(),
                GroupCode = string.IsNullOrWhiteSpace(r.GroupCode) ? null : r.GroupCode!.Trim(),
                GroupName = Text(GroupKey, r.GroupName),
                Description = Text(DescriptionKey, r.Description),
                External = new ExternalSettingsWire
                {
                    BizName = Text(BizKey, r.BizName),
                    CreateLinkPc = r.CreateLinkPc,
                    CreateLinkMobile = r.CreateLinkMobile,
                    SupportPc = r.SupportPc,
                    SupportMobile = r.SupportMobile,
                    ActionCallbackUrl = r.ActionCallbackUrl,
                    ActionCallbackToken = r.ActionCallbackToken?.Reveal(),
                    ActionCallbackKey = r.ActionCallbackKey?.Reveal(),
                },
                Viewers = r.Viewer == ViewerType.Tenant || r.Viewer == ViewerType.None
                    ? new List<ViewerWire> { new ViewerWire { ViewerType = r.Viewer.ToString().ToUpperInvariant() } }
                    : r.ViewerIds.Select(id => r.Viewer == ViewerType.User
                        ? new ViewerWire { ViewerType = "USER", ViewerUserId = id.Trim() }
                        : new ViewerWire { ViewerType = "DEPARTMENT", ViewerDepartmentId = id.Trim() }).ToList(),
                Managers = r.Managers.Count == 0 ? null : r.Managers.Select(m => m.Trim()).ToList(),
            };
            wire.I18nResources = new List<I18nWire> { new I18nWire { Locale = r.Locale, IsDefault = true, Texts = texts } };
            return wire;
        }

        public static ExternalApproval FromWire(ExternalApprovalWire? w, string requested, string? code, string? logId)
        {
            var texts = (w?.I18nResources ?? new List<I18nWire>()).OrderByDescending(r => r.IsDefault)
                .SelectMany(r => r.Texts ?? new List<I18nTextWire>()).Where(t => t.Key != null)
                .GroupBy(t => t.Key!).ToDictionary(g => g.Key, g => g.First().Value);
            string? Resolve(string? key) => key != null && texts.TryGetValue(key, out var value) ? value : key;
            return new ExternalApproval
            {
                ApprovalCode = code ?? w?.ApprovalCode ?? requested,
                RequestedCode = requested,
                Name = Resolve(w?.ApprovalName),
                Description = Resolve(w?.Description),
                GroupCode = w?.GroupCode,
                GroupName = Resolve(w?.GroupName),
                CreateLinkPc = w?.External?.CreateLinkPc,
                CreateLinkMobile = w?.External?.CreateLinkMobile,
                SupportPc = w?.External?.SupportPc == true,
                SupportMobile = w?.External?.SupportMobile == true,
                ActionCallbackUrl = w?.External?.ActionCallbackUrl,
                Viewers = (w?.Viewers ?? new List<ViewerWire>()).Select(v => v.ViewerType + ((v.ViewerUserId ?? v.ViewerDepartmentId) is { } id ? ":" + id : string.Empty)).ToArray(),
                Managers = w?.Managers?.ToArray() ?? System.Array.Empty<string>(),
                LogId = logId,
            };
        }
    }
}
