using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>The task query's view of the synced instances (GET tasks/query).</summary>
    internal sealed partial class InstanceStore
    {
        /// <summary>
        /// Every item of one user's topic, in a stable order (instance id, then task/cc id), in wire shape.
        /// todo (1) = the user's PENDING tasks; done (2) = the user's other tasks except DONE ("the task passed without the
        /// approver acting; the approver cannot see this task", create page and official SDK models); initiated (3) =
        /// instances the user started; unread/read cc (17/18) = the user's cc entries by read_status. An instance without
        /// user_id and open_id (the FAQ's purge recipe) belongs to nobody: none of its items are listed for anyone.
        /// <paramref name="person"/> is the directory's user for the queried id, if any: then a stored user_id or open_id
        /// of that user matches whatever id type the query used.
        /// </summary>
        public List<JsonObject> Query(string user, string idField, int topic, SandboxUser? person = null)
        {
            bool Mine(JsonObject fields) => person != null
                ? CreateRequestRules.Str(fields["user_id"]) == person.UserId || CreateRequestRules.Str(fields["open_id"]) == person.OpenId
                : CreateRequestRules.Str(fields[idField]) == user;

            lock (_gate)
            {
                var items = new List<JsonObject>();
                foreach (var record in _instances.Values.OrderBy(r => r.InstanceId, StringComparer.Ordinal))
                {
                    if (Owner(record.Fields) == null) continue;
                    switch (topic)
                    {
                        case 1:
                        case 2:
                            foreach (var task in record.Tasks.Values.OrderBy(t => t.Id, StringComparer.Ordinal))
                            {
                                if (!Mine(task.Fields)) continue;
                                var status = CreateRequestRules.Str(task.Fields["status"]);
                                if (status == "DONE") continue;
                                var pending = status == "PENDING";
                                if (pending == (topic == 1)) items.Add(Item(record, task, user, topic, topic == 1 ? "1" : "2"));
                            }
                            break;
                        case 3:
                            if (Mine(record.Fields)) items.Add(Item(record, null, user, 3, "2"));
                            break;
                        default:
                            var wanted = topic == 17 ? "UNREAD" : "READ";
                            foreach (var cc in record.Ccs.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
                            {
                                if (Mine(cc.Fields) && CreateRequestRules.Str(cc.Fields["read_status"]) == wanted)
                                    items.Add(Item(record, cc, user, topic, topic == 17 ? "17" : "18"));
                            }
                            break;
                    }
                }
                return items;
            }
        }

        /// <summary>
        /// What GET external_tasks lists: instances (by id) with the stored tasks that pass the filters (approval code,
        /// instance id, approver user_id, task status); an instance with no such task is left out.
        /// </summary>
        public List<JsonObject> ExternalTasks(IReadOnlyCollection<string> codes, IReadOnlyCollection<string> ids, IReadOnlyCollection<string> users, string? status)
        {
            lock (_gate)
            {
                var items = new List<JsonObject>();
                foreach (var record in _instances.Values.OrderBy(r => r.InstanceId, StringComparer.Ordinal))
                {
                    if (codes.Count > 0 && !codes.Contains(record.ApprovalCode) || ids.Count > 0 && !ids.Contains(record.InstanceId)) continue;
                    var tasks = record.Tasks.Values.OrderBy(t => t.Id, StringComparer.Ordinal)
                        .Where(t => (users.Count == 0 || users.Contains(CreateRequestRules.Str(t.Fields["user_id"]) ?? string.Empty))
                            && (status == null || CreateRequestRules.Str(t.Fields["status"]) == status))
                        .Select(t => (JsonNode)new JsonObject
                        {
                            ["id"] = t.Id,
                            ["status"] = CreateRequestRules.Str(t.Fields["status"]),
                            ["update_time"] = Text(t.UpdateTime ?? 0),
                        }).ToArray();
                    if (tasks.Length == 0) continue;
                    items.Add(new JsonObject
                    {
                        ["instance_id"] = record.InstanceId,
                        ["approval_id"] = "sbx-" + Stable(record.ApprovalCode),
                        ["approval_code"] = record.ApprovalCode,
                        ["status"] = CreateRequestRules.Str(record.Fields["status"]),
                        ["update_time"] = Text(record.UpdateTime),
                        ["tasks"] = new JsonArray(tasks),
                    });
                }
                return items;
            }
        }

        private static string? Owner(JsonObject fields)
        {
            var user = CreateRequestRules.Str(fields["user_id"]);
            if (!string.IsNullOrEmpty(user)) return user;
            var open = CreateRequestRules.Str(fields["open_id"]);
            return string.IsNullOrEmpty(open) ? null : open;
        }

        private static JsonObject Item(Record record, Entity? entity, string user, int topic, string status)
        {
            var links = (entity?.Fields["links"] ?? record.Fields["links"]) as JsonObject;
            var title = Resolve(record.Fields, CreateRequestRules.Str(record.Fields["title"]));
            return new JsonObject
            {
                ["topic"] = topic.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["user_id"] = user,
                ["title"] = title ?? record.ApprovalCode,
                ["urls"] = new JsonObject
                {
                    ["pc"] = CreateRequestRules.Str(links?["pc_link"]),
                    ["mobile"] = CreateRequestRules.Str(links?["mobile_link"]),
                },
                ["process_external_id"] = record.InstanceId,
                ["task_external_id"] = entity?.Id ?? string.Empty,
                ["status"] = status,
                ["process_status"] = ProcessStatus(CreateRequestRules.Str(record.Fields["status"])),
                ["definition_code"] = record.ApprovalCode,
                ["definition_name"] = record.ApprovalCode,
                ["initiators"] = new JsonArray(Owner(record.Fields)),
                ["initiator_names"] = new JsonArray(Resolve(record.Fields, CreateRequestRules.Str(record.Fields["user_name"])) ?? Owner(record.Fields)),
                ["task_id"] = "sbx-" + Stable(record.InstanceId + "/" + (entity?.Id ?? string.Empty)),
                ["process_id"] = "sbx-" + Stable(record.InstanceId),
                ["process_code"] = record.InstanceId,
            };
        }

        private static string ProcessStatus(string? status) => status switch
        {
            "PENDING" => "1",
            "APPROVED" => "2",
            "REJECTED" => "3",
            "CANCELED" => "4",
            "TERMINATED" => "5",
            _ => "0",
        };

        /// <summary>An @i18n@ key read from the default locale; a literal string as is.</summary>
        private static string? Resolve(JsonObject fields, string? key)
        {
            if (key == null || !key.StartsWith("@i18n@", StringComparison.Ordinal)) return key;
            var resource = (fields["i18n_resources"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
                .FirstOrDefault(r => r["is_default"] is JsonValue d && d.GetValueKind() == System.Text.Json.JsonValueKind.True);
            return (resource?["texts"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
                .Where(t => CreateRequestRules.Str(t["key"]) == key).Select(t => CreateRequestRules.Str(t["value"])).FirstOrDefault() ?? key;
        }

        private static string Stable(string text)
        {
            unchecked
            {
                ulong h = 14695981039346656037;
                foreach (var c in text) h = (h ^ c) * 1099511628211;
                return h.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
