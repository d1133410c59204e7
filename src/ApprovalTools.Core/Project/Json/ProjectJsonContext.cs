using System.Text.Json.Serialization;

namespace ApprovalTools.Core.Project.Json
{
    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(PluginTokenRequest))]
    [JsonSerializable(typeof(PluginTokenResponse))]
    [JsonSerializable(typeof(NodeOperateBody))]
    [JsonSerializable(typeof(WorkflowQueryBody))]
    [JsonSerializable(typeof(WorkflowQueryResponse))]
    internal sealed partial class ProjectJsonContext : JsonSerializerContext
    {
    }
}
