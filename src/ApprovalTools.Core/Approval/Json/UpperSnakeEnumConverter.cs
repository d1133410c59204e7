using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApprovalTools.Core.Approval.Json
{
    /// <summary>Enums as Feishu spells them: ExternalConsign &lt;-&gt; "EXTERNAL_CONSIGN".</summary>
    public sealed class UpperSnakeEnumConverter<TEnum> : JsonStringEnumConverter<TEnum> where TEnum : struct, System.Enum
    {
        public UpperSnakeEnumConverter() : base(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false)
        {
        }
    }
}
