using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ApprovalTools.Sandbox.Project
{
    /// <summary>
    /// Seed files for the Feishu Project sandbox: <c>{ "work_items": [ { project_key, work_item_type_key, work_item_id,
    /// name?, aborted?, fields?: [{field_key, field_alias?, name?, options?}], roles?: [..], nodes: [{ id, name?, status?
    /// ("not_arrived"|"arrived"|"completed"), needs?: [..], owners?, required_owner?, required_fields?, required_schedule?,
    /// required_roles? }] } ] }</c>. Nodes without a status start "not arrived"; then every node whose needs are all
    /// completed arrives.
    /// </summary>
    public static class ProjectSeed
    {
        private static readonly string[] DemoIds = { "1001", "1002", "1003", "6300000000000000001" };

        public static List<SandboxWorkItem> Parse(string json)
        {
            JsonNode root;
            try
            {
                root = JsonNode.Parse(json) ?? throw new FormatException("The seed is empty.");
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new FormatException("The seed is not valid JSON: " + ex.Message, ex);
            }
            var list = root is JsonArray a ? a : root["work_items"] as JsonArray ?? throw new FormatException("The seed needs a \"work_items\" array.");
            var result = new List<SandboxWorkItem>();
            foreach (var entry in list.OfType<JsonObject>())
            {
                var item = new SandboxWorkItem(Required(entry, "project_key"), Required(entry, "work_item_type_key"), Required(entry, "work_item_id"))
                {
                    Name = Text(entry["name"]),
                    Aborted = Flag(entry["aborted"]),
                };
                foreach (var field in (entry["fields"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                {
                    item.FieldDefinitions.Add(new SandboxField(Required(field, "field_key"), Text(field["field_alias"]), Text(field["name"]), Strings(field["options"]).ToArray()));
                }
                item.RoleDefinitions.AddRange(Strings(entry["roles"]));
                foreach (var n in (entry["nodes"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                {
                    var node = item.AddNode(Required(n, "id"), Text(n["name"]), Strings(n["needs"]).ToArray());
                    node.Status = ParseStatus(Text(n["status"]));
                    node.Owners = Strings(n["owners"]);
                    node.RequiredOwner = Flag(n["required_owner"]);
                    node.RequiredFields.AddRange(Strings(n["required_fields"]));
                    node.RequiredSchedule = Flag(n["required_schedule"]);
                    node.RequiredRoles.AddRange(Strings(n["required_roles"]));
                    foreach (var role in node.RequiredRoles.Where(r => !item.RoleDefinitions.Contains(r)).ToList()) item.RoleDefinitions.Add(role);
                }
                item.Start();
                result.Add(item);
            }
            return result;
        }

        private static NodeStatus ParseStatus(string? text)
        {
            switch ((text ?? "not_arrived").Replace("_", "").Replace(" ", "").ToLowerInvariant())
            {
                case "notarrived": case "1": return NodeStatus.NotArrived;
                case "arrived": case "2": return NodeStatus.Arrived;
                case "completed": case "3": return NodeStatus.Completed;
                default: throw new FormatException($"Unknown node status '{text}': use not_arrived, arrived or completed.");
            }
        }

        private static bool Flag(JsonNode? node) =>
            node is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : bool.TryParse(Text(node), out var parsed) ? parsed : throw new FormatException($"'{node.ToJsonString()}' is not true or false."));

        private static string Required(JsonObject o, string name) => Text(o[name]) ?? throw new FormatException($"A seed entry lacks \"{name}\".");

        private static string? Text(JsonNode? node) => node == null ? null : node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();

        private static List<string> Strings(JsonNode? node) => node is JsonArray a ? a.Select(x => Text(x) ?? "").ToList() : new List<string>();

        private const string Flow = @"[
          { ""id"": ""start"", ""name"": ""Start"" },
          { ""id"": ""design"", ""name"": ""Design"", ""required_owner"": true },
          { ""id"": ""develop"", ""name"": ""Develop"", ""required_schedule"": true, ""required_fields"": [""field_priority""] },
          { ""id"": ""test"", ""name"": ""Test"", ""required_roles"": [""QA""] },
          { ""id"": ""done"", ""name"": ""Done"" } ]";

        private const string Fields = @"[
          { ""field_key"": ""field_priority"", ""field_alias"": ""priority"", ""name"": ""Priority"", ""options"": [""P0"", ""P1"", ""P2""] },
          { ""field_key"": ""field_sentry"", ""field_alias"": ""sentry_link"", ""name"": ""Sentry link"" } ]";

        /// <summary>
        /// Space "demo", type "story": items 1001, 1002, 1003 and 6300000000000000001 run start → design (owner required)
        /// → develop (schedule and field_priority required) → test (role QA required) → done; 1004 is aborted.
        /// </summary>
        public static string Demo =>
            "{ \"work_items\": ["
            + string.Join(",", DemoIds.Select(id =>
                $"{{ \"project_key\": \"demo\", \"work_item_type_key\": \"story\", \"work_item_id\": \"{id}\", \"name\": \"Demo story {id}\", \"roles\": [\"PM\", \"QA\"], \"fields\": {Fields}, \"nodes\": {Flow} }}"))
            + $", {{ \"project_key\": \"demo\", \"work_item_type_key\": \"story\", \"work_item_id\": \"1004\", \"name\": \"Aborted story\", \"aborted\": true, \"fields\": {Fields}, \"nodes\": {Flow} }}"
            + "] }";
    }
}
