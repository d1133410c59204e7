using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace ApprovalTools.Sandbox.Project
{
    /// <summary>
    /// The body rules and the answer of "获取工作流详情" (POST /open_api/:project_key/work_item/:type/:id/workflow/query) for
    /// the sandbox's node-flow work items, in the shape of the official Go SDK's NodesConnections.
    /// </summary>
    internal static class WorkflowQuery
    {
        public static ProjectError? Problem(JsonObject body)
        {
            var flowType = body["flow_type"];
            if (flowType != null && !(flowType is JsonValue v && v.TryGetValue<long>(out _)))
                return ProjectError.InvalidParam("flow_type must be 0 (node flow) or 1 (state flow)");
            if (flowType is JsonValue f && f.GetValue<long>() == 1) return ProjectError.WorkItemIsNodeFlow;
            if (body["fields"] is JsonArray fields)
            {
                var names = fields.Select(x => NodeOperate.Text(x) ?? "").ToList();
                if (names.Any(n => n.StartsWith("-", StringComparison.Ordinal)) && names.Any(n => !n.StartsWith("-", StringComparison.Ordinal)))
                    return ProjectError.FieldsMixed;
            }
            return null;
        }

        public static JsonObject Answer(SandboxWorkItem item)
        {
            var nodes = new JsonArray();
            foreach (var node in item.Nodes) nodes.Add(Node(node));
            var connections = new JsonArray();
            foreach (var node in item.Nodes)
            {
                foreach (var need in node.Needs)
                {
                    connections.Add(new JsonObject { ["source_state_key"] = need, ["target_state_key"] = node.Id, ["transition_id"] = 0 });
                }
            }
            return new JsonObject
            {
                ["workflow_nodes"] = nodes,
                ["connections"] = connections,
                ["state_flow_nodes"] = new JsonArray(),
                ["user_details"] = new JsonArray(),
            };
        }

        private static JsonObject Node(SandboxNode node)
        {
            var fields = new JsonArray();
            foreach (var field in node.Fields) fields.Add(new JsonObject { ["field_key"] = field.Key, ["field_value"] = field.Value?.DeepClone() });
            var roles = new JsonArray();
            foreach (var role in node.Roles) roles.Add(new JsonObject { ["role"] = role.Key, ["owners"] = Strings(role.Value) });
            return new JsonObject
            {
                ["id"] = node.Id,
                ["state_key"] = node.Id,
                ["name"] = node.Name,
                ["status"] = (int)node.Status,
                ["owners"] = Strings(node.Owners),
                ["node_schedule"] = node.Schedule?.DeepClone(),
                ["schedules"] = node.Schedules?.DeepClone() ?? new JsonArray(),
                ["fields"] = fields,
                ["role_assignee"] = roles,
                ["sub_tasks"] = new JsonArray(),
                // UNCONFIRMED format: the SDK types these as strings; the sandbox sends Unix milliseconds as text, "" when unset.
                ["actual_begin_time"] = Ms(node.ActualBeginTime),
                ["actual_finish_time"] = Ms(node.ActualFinishTime),
                ["different_schedule"] = node.Schedules != null && node.Schedules.Count > 0,
                ["milestone"] = false,
                ["participants"] = new JsonArray(),
            };
        }

        private static JsonArray Strings(System.Collections.Generic.IEnumerable<string> values) => new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

        private static string Ms(DateTimeOffset? time) => time == null ? "" : time.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    }
}
