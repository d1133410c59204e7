using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ApprovalTools.Core.Approval.Models
{
    /// <summary>The texts of one locale; the default locale must hold every @i18n@ key the instance uses.</summary>
    public sealed class I18nResource
    {
        [JsonPropertyName("locale")]
        public string? Locale { get; set; }

        [JsonPropertyName("is_default")]
        public bool IsDefault { get; set; }

        [JsonPropertyName("texts")]
        public List<I18nText> Texts { get; set; } = new List<I18nText>();

        public override string ToString() => Locale + (IsDefault ? " (default)" : string.Empty);
    }

    /// <summary>One key ("@i18n@title") and its text in a locale.</summary>
    public sealed class I18nText
    {
        [JsonPropertyName("key")]
        public string? Key { get; set; }

        [JsonPropertyName("value")]
        public string? Value { get; set; }

        public override string ToString() => Key + "=" + Value;
    }

    /// <summary>A name/value pair shown in the approval lists (both usually @i18n@ keys).</summary>
    public sealed class FormItem
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("value")]
        public string? Value { get; set; }

        public override string ToString() => Name + ": " + Value;
    }
}
