using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApprovalTools.Core.BatchApproval.Json
{
    /// <summary>
    /// failed_tasks: the batch approval docs (8.3) show an array of task-id strings; objects with task_id are also read, in case a deployment sends them:
    /// a string is the id, an object gives task_id (or taskId / id) and an optional reason. null is an empty list.
    /// </summary>
    internal sealed class FailedTaskListConverter : JsonConverter<List<BatchFailedTask>>
    {
        /// <summary>"failed_tasks": null is read as an empty list, not left null.</summary>
        public override bool HandleNull => true;

        public override List<BatchFailedTask> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var list = new List<BatchFailedTask>();
            if (reader.TokenType == JsonTokenType.Null) return list;
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("failed_tasks is not an array.");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    list.Add(new BatchFailedTask(reader.GetString()!));
                }
                else if (reader.TokenType == JsonTokenType.StartObject)
                {
                    using var element = JsonDocument.ParseValue(ref reader);
                    string? id = null, reason = null;
                    foreach (var property in element.RootElement.EnumerateObject())
                    {
                        var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()
                            : property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetRawText() : null;
                        if (property.NameEquals("task_id") || property.NameEquals("taskId") || property.NameEquals("id")) id ??= text;
                        else if (property.NameEquals("reason") || property.NameEquals("msg") || property.NameEquals("message")) reason ??= text;
                    }
                    if (string.IsNullOrEmpty(id)) throw new JsonException("an element of failed_tasks has no task_id.");
                    list.Add(new BatchFailedTask(id!, reason));
                }
                else
                {
                    throw new JsonException("an element of failed_tasks is neither a task id nor an object.");
                }
            }
            return list;
        }

        public override void Write(Utf8JsonWriter writer, List<BatchFailedTask> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var task in value) writer.WriteStringValue(task.TaskId);
            writer.WriteEndArray();
        }
    }
}
