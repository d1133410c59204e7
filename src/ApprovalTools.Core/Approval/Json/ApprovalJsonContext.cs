using System.Text.Json.Serialization;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Tasks;

namespace ApprovalTools.Core.Approval.Json
{
    /// <summary>Source-generated wire JSON of the Feishu approval API.</summary>
    [JsonSourceGenerationOptions(
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = new[]
        {
            typeof(UnixMsConverter),
            typeof(UpperSnakeEnumConverter<InstanceStatus>),
            typeof(UpperSnakeEnumConverter<ExternalTaskStatus>),
            typeof(UpperSnakeEnumConverter<ReadStatus>),
            typeof(UpperSnakeEnumConverter<DisplayMethod>),
            typeof(UpperSnakeEnumConverter<UpdateMode>),
            typeof(UpperSnakeEnumConverter<GenerateType>),
            typeof(UpperSnakeEnumConverter<FormPolicy>),
        })]
    [JsonSerializable(typeof(ExternalInstance))]
    [JsonSerializable(typeof(ExternalTask))]
    [JsonSerializable(typeof(ExternalCc))]
    [JsonSerializable(typeof(InstanceLink))]
    [JsonSerializable(typeof(I18nResource))]
    [JsonSerializable(typeof(I18nText))]
    [JsonSerializable(typeof(FormItem))]
    [JsonSerializable(typeof(FeishuEnvelope<CreateInstanceData>))]
    [JsonSerializable(typeof(FeishuEnvelope<CheckResponseData>))]
    [JsonSerializable(typeof(FeishuEnvelope<TaskQueryData>))]
    [JsonSerializable(typeof(FeishuEnvelope<ExternalTaskListData>))]
    [JsonSerializable(typeof(ExternalTaskListRequest))]
    [JsonSerializable(typeof(Definitions.ExternalApprovalWire))]
    [JsonSerializable(typeof(FeishuEnvelope<Definitions.ExternalApprovalWire>))]
    [JsonSerializable(typeof(FeishuEnvelope<Definitions.CreateExternalApprovalData>))]
    [JsonSerializable(typeof(CheckRequest))]
    [JsonSerializable(typeof(TenantTokenRequest))]
    [JsonSerializable(typeof(TenantTokenResponse))]
    internal sealed partial class ApprovalJsonContext : JsonSerializerContext
    {
    }
}
