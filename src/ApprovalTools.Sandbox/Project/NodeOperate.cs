using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ApprovalTools.Sandbox.Project
{
    /// <summary>
    /// The node complete/rollback rules on one work item. Atomic (UNCONFIRMED whether the real service keeps partial
    /// updates of a refused operation; the sandbox takes the stricter all-or-nothing reading): every check runs on the staged values (the request's
    /// updates merged over the node's), and the node changes only when the whole operation succeeds. Callers hold the lock.
    /// </summary>
    internal static class NodeOperate
    {
        /// <summary>Null on success; otherwise the error answer, with nothing changed.</summary>
        public static ProjectError? Apply(SandboxWorkItem item, SandboxNode node, JsonObject body, string action, DateTimeOffset now)
        {
            if (node.TransitionCalls > 0)
            {
                node.TransitionCalls--;
                return ProjectError.InTransition;
            }
            if (node.TransitionUntil != null && now < node.TransitionUntil) return ProjectError.InTransition;

            if (ShapeProblem(body) is { } shape) return shape;

            // Stage the updates. null, absent and (for strings) empty are alike, as the v1 SDK sends nulls for unset members.
            var owners = body["node_owners"] is JsonArray ownerArray ? Strings(ownerArray) : node.Owners;
            var schedule = body["node_schedule"] as JsonObject ?? node.Schedule;
            var schedules = body["schedules"] as JsonArray ?? node.Schedules;
            var fields = new Dictionary<string, JsonNode?>(node.Fields, StringComparer.Ordinal);
            if (body["fields"] is JsonArray fieldArray)
            {
                foreach (var entry in fieldArray.OfType<JsonObject>())
                {
                    var key = Text(entry["field_key"]);
                    var alias = Text(entry["field_alias"]);
                    var definition = item.FindField(key, alias);
                    if (definition == null) return ProjectError.FieldNotFound(alias ?? key ?? "");
                    var value = entry["field_value"];
                    if (definition.Options != null && !definition.Options.Contains(OptionValue(value) ?? "")) return ProjectError.FieldOptionWrong;
                    fields[definition.Key] = value?.DeepClone();
                }
            }
            var roles = node.Roles.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
            if (body["role_assignee"] is JsonArray roleArray)
            {
                foreach (var entry in roleArray.OfType<JsonObject>())
                {
                    var role = Text(entry["role"]) ?? "";
                    if (!item.RoleDefinitions.Contains(role)) return ProjectError.RoleOwnerMissing;
                    roles[role] = entry["owners"] is JsonArray roleOwners ? Strings(roleOwners) : new List<string>();
                }
            }

            if (action == "confirm")
            {
                if (node.Status == NodeStatus.Completed) return ProjectError.NodeIsCompleted;
                if (node.Status == NodeStatus.NotArrived) return ProjectError.NodeNotArrived;
                if (node.RequiredOwner && owners.Count == 0) return ProjectError.OwnerRequired;
                foreach (var required in node.RequiredFields)
                {
                    if (!fields.TryGetValue(required, out var v) || v == null || v is JsonValue && string.IsNullOrEmpty(v.ToString()))
                    {
                        return ProjectError.FieldRequired(node.Name, required);
                    }
                }
                if (node.RequiredSchedule && !Scheduled(schedule, schedules)) return ProjectError.ScheduleRequired(node.Name);
                foreach (var required in node.RequiredRoles)
                {
                    if (!roles.TryGetValue(required, out var people) || people.Count == 0) return ProjectError.RoleRequired(required, required);
                }
            }
            else if (action == "rollback" && node.Status != NodeStatus.Completed)
            {
                return ProjectError.NodeNotCompleted;
            }
            // An update ("更新节点/排期") changes the node in any status: planning a later node's schedule is its purpose.
            // UNCONFIRMED: the update page's own error table was not readable; the same field/role checks apply as above.

            node.Owners = owners.ToList();
            node.Schedule = (JsonObject?)schedule?.DeepClone();
            node.Schedules = (JsonArray?)schedules?.DeepClone();
            node.Fields.Clear();
            foreach (var f in fields) node.Fields[f.Key] = f.Value;
            node.Roles.Clear();
            foreach (var r in roles) node.Roles[r.Key] = r.Value;

            if (action == "confirm")
            {
                node.Status = NodeStatus.Completed;
                node.ActualFinishTime = now;
                node.Confirmed++;
                item.Start();
            }
            else if (action == "rollback")
            {
                node.Status = NodeStatus.Arrived;
                node.RolledBack++;
                node.LastRollbackReason = Text(body["rollback_reason"]);
                node.ActualFinishTime = null;
                foreach (var later in item.Downstream(node.Id))
                {
                    later.Status = NodeStatus.NotArrived;
                    later.ActualBeginTime = later.ActualFinishTime = null;
                }
            }
            return null;
        }

        /// <summary>
        /// Members typed by the official SDKs that the body must match: planned_construction_period int32 (Schedule),
        /// target_state {state_key string, transition_id int64} (FieldValuePair). A mismatch is 20006 Invalid Param.
        /// </summary>
        private static ProjectError? ShapeProblem(JsonObject body)
        {
            var schedules = new List<JsonNode?> { body["node_schedule"] };
            if (body["schedules"] is JsonArray list) schedules.AddRange(list);
            foreach (var schedule in schedules.OfType<JsonObject>())
            {
                var period = schedule["planned_construction_period"];
                if (period != null && !(period is JsonValue p && p.TryGetValue<int>(out _)))
                    return ProjectError.InvalidParam("planned_construction_period must be an int32");
            }
            foreach (var field in (body["fields"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
            {
                var target = field["target_state"];
                if (target == null) continue;
                if (!(target is JsonObject t) || !(t["state_key"] is JsonValue key && key.TryGetValue<string>(out _)))
                    return ProjectError.InvalidParam("target_state needs a state_key string");
                if (t["transition_id"] != null && !(t["transition_id"] is JsonValue id && id.TryGetValue<long>(out _)))
                    return ProjectError.InvalidParam("target_state.transition_id must be an int64");
            }
            return null;
        }

        private static bool Scheduled(JsonObject? schedule, JsonArray? schedules)
        {
            bool Complete(JsonObject? s) => s != null && s["points"] != null && s["estimate_start_date"] != null && s["estimate_end_date"] != null;
            return Complete(schedule) || schedules != null && schedules.Count > 0 && schedules.All(s => Complete(s as JsonObject));
        }

        private static string? OptionValue(JsonNode? value) => value is JsonObject o ? Text(o["value"]) : Text(value);

        private static List<string> Strings(JsonArray array) => array.Select(v => v?.ToString() ?? "").ToList();

        internal static string? Text(JsonNode? node)
        {
            if (node == null) return null;
            var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
            return string.IsNullOrEmpty(text) ? null : text;
        }
    }
}
