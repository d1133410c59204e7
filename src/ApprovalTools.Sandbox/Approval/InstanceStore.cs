using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>
    /// The third-party instances and the sync semantics of the third-party instance FAQ (https://open.feishu.cn/document/server-docs/approval-v4/external_instance/faqs) ("三方审批实例常见问题"):
    /// REPLACE makes the instance exactly the request (absent tasks/cc deleted, update_time not checked, everything but
    /// approval_code/instance_id may change); UPDATE never deletes and applies the instance, each task and each cc only
    /// when its own update_time grew, keeping the fields the FAQ lists as unchangeable.
    /// </summary>
    internal sealed partial class InstanceStore
    {
        private static readonly string[] InstanceImmutable = { "approval_code", "instance_id", "department_id", "department_name" };
        private static readonly string[] TaskImmutable = { "task_id", "user_id", "open_id", "create_time", "node_id", "node_name" };
        private static readonly string[] CcImmutable = { "cc_id", "user_id", "open_id", "create_time" };

        private sealed class Entity
        {
            public Entity(string id, JsonObject fields)
            {
                Id = id;
                Fields = fields;
            }

            public string Id;
            public JsonObject Fields;
            public long? UpdateTime => Ms(Fields["update_time"]);
        }

        private sealed class Record
        {
            public string InstanceId = string.Empty;
            public string ApprovalCode = string.Empty;
            public JsonObject Fields = new JsonObject();
            public Dictionary<string, Entity> Tasks = new Dictionary<string, Entity>(StringComparer.Ordinal);
            public Dictionary<string, Entity> Ccs = new Dictionary<string, Entity>(StringComparer.Ordinal);
            public long UpdateTime => Ms(Fields["update_time"]) ?? 0;
        }

        public sealed class Counts
        {
            public int Insert, Update, Delete;

            public JsonObject ToJson() => new JsonObject { ["insert_num"] = Insert, ["update_num"] = Update, ["delete_num"] = Delete };
        }

        private readonly object _gate = new object();
        private readonly Dictionary<string, Record> _instances = new Dictionary<string, Record>(StringComparer.Ordinal);

        /// <summary>Applies a validated create request; returns process_record.</summary>
        public JsonObject Apply(JsonObject request)
        {
            var id = CreateRequestRules.Str(request["instance_id"])!;
            var replace = (CreateRequestRules.Str(request["update_mode"]) ?? "REPLACE") == "REPLACE";
            var instance = new Counts();
            var tasks = new Counts();
            var ccs = new Counts();
            lock (_gate)
            {
                if (!_instances.TryGetValue(id, out var record))
                {
                    _instances[id] = New(request);
                    instance.Insert = 1;
                    tasks.Insert = _instances[id].Tasks.Count;
                    ccs.Insert = _instances[id].Ccs.Count;
                }
                else if (replace)
                {
                    var fresh = New(request);
                    // approval_code and instance_id cannot change in either mode; a different approval_code is ignored.
                    fresh.ApprovalCode = record.ApprovalCode;
                    fresh.Fields["approval_code"] = record.ApprovalCode;
                    instance.Update = 1;
                    Replace(record.Tasks, fresh.Tasks, tasks);
                    Replace(record.Ccs, fresh.Ccs, ccs);
                    _instances[id] = fresh;
                }
                else
                {
                    // UNCONFIRMED whether an equal update_time counts as stale; the sandbox takes the stricter reading
                    // ("must grow": equal is stale and ignored, like smaller).
                    if ((Ms(request["update_time"]) ?? 0) > record.UpdateTime)
                    {
                        var incoming = InstanceFields(request);
                        foreach (var name in InstanceImmutable) Keep(incoming, record.Fields, name);
                        record.Fields = incoming;
                        instance.Update = 1;
                    }
                    else
                    {
                        MergeTexts(record.Fields, request);
                    }
                    Merge(record.Tasks, request["task_list"] as JsonArray, "task_id", TaskImmutable, tasks);
                    Merge(record.Ccs, request["cc_list"] as JsonArray, "cc_id", CcImmutable, ccs);
                }
            }
            return new JsonObject { ["instance"] = instance.ToJson(), ["task"] = tasks.ToJson(), ["cc"] = ccs.ToJson() };
        }

        /// <summary>The check call, following the four steps of the FAQ and the check API docs (https://open.feishu.cn/document/server-docs/approval-v4/external_instance/check).</summary>
        public JsonArray Check(JsonArray instances)
        {
            var diffs = new JsonArray();
            lock (_gate)
            {
                foreach (var item in instances.OfType<JsonObject>())
                {
                    var id = CreateRequestRules.Str(item["instance_id"])!;
                    if (!_instances.TryGetValue(id, out var record))
                    {
                        diffs.Add(new JsonObject { ["instance_id"] = id, ["update_time"] = "0", ["tasks"] = new JsonArray() });
                        continue;
                    }
                    var collected = new JsonArray();
                    foreach (var task in (item["tasks"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                    {
                        var taskId = CreateRequestRules.Str(task["task_id"])!;
                        if (!record.Tasks.TryGetValue(taskId, out var stored))
                            collected.Add(new JsonObject { ["task_id"] = taskId, ["update_time"] = "0" });
                        else if (stored.UpdateTime != Ms(task["update_time"]))
                            collected.Add(new JsonObject { ["task_id"] = taskId, ["update_time"] = Text(stored.UpdateTime ?? 0) });
                    }
                    if (collected.Count > 0)
                        diffs.Add(new JsonObject { ["instance_id"] = id, ["update_time"] = Text(record.UpdateTime), ["tasks"] = collected });
                    else if (record.UpdateTime != Ms(item["update_time"]))
                        diffs.Add(new JsonObject { ["instance_id"] = id, ["update_time"] = Text(record.UpdateTime), ["tasks"] = new JsonArray() });
                }
            }
            return diffs;
        }

        public StoredInstance? Snapshot(string instanceId)
        {
            lock (_gate)
            {
                if (!_instances.TryGetValue(instanceId, out var r)) return null;
                return new StoredInstance(r.InstanceId, r.ApprovalCode, r.UpdateTime, (JsonObject)r.Fields.DeepClone(),
                    r.Tasks.Values.Select(Snap).ToList(), r.Ccs.Values.Select(Snap).ToList());
            }
        }

        public int Count
        {
            get { lock (_gate) return _instances.Count; }
        }

        public void Clear()
        {
            lock (_gate) _instances.Clear();
        }

        /// <summary>Every task whose user_id or open_id is <paramref name="user"/> (for a task-query endpoint).</summary>
        public List<StoredUserTask> TasksOf(string user)
        {
            lock (_gate)
            {
                return _instances.Values.SelectMany(r => r.Tasks.Values
                        .Where(t => CreateRequestRules.Str(t.Fields["user_id"]) == user || CreateRequestRules.Str(t.Fields["open_id"]) == user)
                        .Select(t => new StoredUserTask(r.ApprovalCode, r.InstanceId, Snap(t))))
                    .ToList();
            }
        }

        private static StoredEntity Snap(Entity e) => new StoredEntity(e.Id, e.UpdateTime, (JsonObject)e.Fields.DeepClone());

        private static Record New(JsonObject request)
        {
            var record = new Record
            {
                InstanceId = CreateRequestRules.Str(request["instance_id"])!,
                ApprovalCode = CreateRequestRules.Str(request["approval_code"])!,
                Fields = InstanceFields(request),
            };
            foreach (var t in (request["task_list"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                record.Tasks[CreateRequestRules.Str(t["task_id"])!] = new Entity(CreateRequestRules.Str(t["task_id"])!, (JsonObject)t.DeepClone());
            foreach (var c in (request["cc_list"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                record.Ccs[CreateRequestRules.Str(c["cc_id"])!] = new Entity(CreateRequestRules.Str(c["cc_id"])!, (JsonObject)c.DeepClone());
            return record;
        }

        private static JsonObject InstanceFields(JsonObject request)
        {
            var fields = (JsonObject)request.DeepClone();
            fields.Remove("task_list");
            fields.Remove("cc_list");
            fields.Remove("update_mode");
            return fields;
        }

        private static void Replace(Dictionary<string, Entity> old, Dictionary<string, Entity> fresh, Counts counts)
        {
            foreach (var id in fresh.Keys)
            {
                if (old.ContainsKey(id)) counts.Update++;
                else counts.Insert++;
            }
            counts.Delete = old.Keys.Count(id => !fresh.ContainsKey(id));
        }

        private static void Merge(Dictionary<string, Entity> stored, JsonArray? incoming, string idField, string[] immutable, Counts counts)
        {
            foreach (var item in (incoming ?? new JsonArray()).OfType<JsonObject>())
            {
                var id = CreateRequestRules.Str(item[idField])!;
                var fields = (JsonObject)item.DeepClone();
                if (!stored.TryGetValue(id, out var existing))
                {
                    stored[id] = new Entity(id, fields);
                    counts.Insert++;
                    continue;
                }
                var time = Ms(item["update_time"]);
                // Stale (smaller or equal, see above) or without update_time: this entity is not updated.
                if (time == null || time <= (existing.UpdateTime ?? long.MinValue)) continue;
                foreach (var name in immutable) Keep(fields, existing.Fields, name);
                existing.Fields = fields;
                counts.Update++;
            }
        }

        /// <summary>A stale instance keeps its texts, but keys that new tasks/cc bring in are added.</summary>
        private static void MergeTexts(JsonObject fields, JsonObject request)
        {
            if (!(fields["i18n_resources"] is JsonArray stored) || !(request["i18n_resources"] is JsonArray incoming)) return;
            foreach (var resource in incoming.OfType<JsonObject>())
            {
                var locale = CreateRequestRules.Str(resource["locale"]);
                var target = stored.OfType<JsonObject>().FirstOrDefault(r => CreateRequestRules.Str(r["locale"]) == locale);
                if (target == null) { stored.Add(resource.DeepClone()); continue; }
                if (!(target["texts"] is JsonArray texts)) continue;
                var known = new HashSet<string>(texts.OfType<JsonObject>().Select(t => CreateRequestRules.Str(t["key"]) ?? string.Empty));
                foreach (var text in (resource["texts"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                {
                    if (known.Add(CreateRequestRules.Str(text["key"]) ?? string.Empty)) texts.Add(text.DeepClone());
                }
            }
        }

        private static void Keep(JsonObject target, JsonObject source, string name)
        {
            target.Remove(name);
            if (source[name] != null) target[name] = source[name]!.DeepClone();
        }

        internal static long? Ms(JsonNode? node)
        {
            var s = CreateRequestRules.Str(node);
            return s != null && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : (long?)null;
        }

        private static string Text(long ms) => ms.ToString(CultureInfo.InvariantCulture);
    }
}
