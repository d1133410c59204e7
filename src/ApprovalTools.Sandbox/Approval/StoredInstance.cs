using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>A task or cc entry as the sandbox holds it (a snapshot: changing it changes nothing on the server).</summary>
    public sealed class StoredEntity
    {
        internal StoredEntity(string id, long? updateTime, JsonObject fields)
        {
            Id = id;
            UpdateTime = updateTime;
            Fields = fields;
        }

        public string Id { get; }

        /// <summary>The update_time the server last applied (null when the entity was stored without one).</summary>
        public long? UpdateTime { get; }

        public JsonObject Fields { get; }

        public string? this[string field] => CreateRequestRules.Str(Fields[field]);

        public string? Status => this["status"];
        public string? UserId => this["user_id"];
        public string? OpenId => this["open_id"];

        internal StoredEntity Clone() => new StoredEntity(Id, UpdateTime, (JsonObject)Fields.DeepClone());
    }

    /// <summary>An instance as the sandbox holds it (a snapshot).</summary>
    public sealed class StoredInstance
    {
        internal StoredInstance(string instanceId, string approvalCode, long updateTime, JsonObject fields,
            IReadOnlyList<StoredEntity> tasks, IReadOnlyList<StoredEntity> ccs)
        {
            InstanceId = instanceId;
            ApprovalCode = approvalCode;
            UpdateTime = updateTime;
            Fields = fields;
            Tasks = tasks;
            Ccs = ccs;
        }

        public string InstanceId { get; }
        public string ApprovalCode { get; }
        public long UpdateTime { get; }

        /// <summary>Instance-level fields (everything but task_list and cc_list).</summary>
        public JsonObject Fields { get; }

        public IReadOnlyList<StoredEntity> Tasks { get; }
        public IReadOnlyList<StoredEntity> Ccs { get; }

        public string? this[string field] => CreateRequestRules.Str(Fields[field]);

        public string? Status => this["status"];

        public StoredEntity? Task(string taskId) => Tasks.FirstOrDefault(t => t.Id == taskId);

        public StoredEntity? Cc(string ccId) => Ccs.FirstOrDefault(c => c.Id == ccId);
    }

    /// <summary>One user's task as a later task-query endpoint needs it.</summary>
    public sealed class StoredUserTask
    {
        internal StoredUserTask(string approvalCode, string instanceId, StoredEntity task)
        {
            ApprovalCode = approvalCode;
            InstanceId = instanceId;
            Task = task;
        }

        public string ApprovalCode { get; }
        public string InstanceId { get; }
        public StoredEntity Task { get; }
    }
}
