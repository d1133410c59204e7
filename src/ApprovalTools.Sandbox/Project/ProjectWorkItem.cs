using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ApprovalTools.Sandbox.Project
{
    /// <summary>Node status as the workflow query reports it: 1 not arrived, 2 arrived (in progress), 3 completed.</summary>
    public enum NodeStatus
    {
        NotArrived = 1,
        Arrived = 2,
        Completed = 3,
    }

    /// <summary>A field the work item type defines; operate may write only these (30009 otherwise).</summary>
    public sealed class SandboxField
    {
        public SandboxField(string key, string? alias = null, string? name = null, params string[] options)
        {
            Key = key;
            Alias = alias;
            Name = name ?? key;
            Options = options.Length == 0 ? null : options.ToList();
        }

        public string Key { get; }
        public string? Alias { get; }
        public string Name { get; }

        /// <summary>For select fields: the option values still available (20050 for any other).</summary>
        public List<string>? Options { get; }
    }

    /// <summary>One node of a node flow, with what the sandbox requires before it may be completed.</summary>
    public sealed class SandboxNode
    {
        public SandboxNode(string id, string? name = null)
        {
            Id = id;
            Name = name ?? id;
        }

        public string Id { get; }
        public string Name { get; set; }
        public NodeStatus Status { get; set; } = NodeStatus.NotArrived;

        /// <summary>Nodes that must be completed before this one arrives (default: the previous node of the flow).</summary>
        public List<string> Needs { get; } = new List<string>();

        public List<string> Owners { get; set; } = new List<string>();
        public JsonObject? Schedule { get; set; }
        public JsonArray? Schedules { get; set; }
        public Dictionary<string, JsonNode?> Fields { get; } = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        public Dictionary<string, List<string>> Roles { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        // Requirements checked on confirm (20038 variants).
        public bool RequiredOwner { get; set; }
        public List<string> RequiredFields { get; } = new List<string>();
        public bool RequiredSchedule { get; set; }
        public List<string> RequiredRoles { get; } = new List<string>();

        /// <summary>The next N operate calls on this node get 50006 "in transition" (nothing happens).</summary>
        public int TransitionCalls { get; set; }

        /// <summary>Until this time, operate calls on this node get 50006 "in transition".</summary>
        public DateTimeOffset? TransitionUntil { get; set; }

        /// <summary>When the node last arrived (workflow query actual_begin_time); null while not arrived.</summary>
        public DateTimeOffset? ActualBeginTime { get; set; }

        /// <summary>When the node was completed (workflow query actual_finish_time); null unless completed.</summary>
        public DateTimeOffset? ActualFinishTime { get; set; }

        public int Confirmed { get; set; }
        public int RolledBack { get; set; }
        public string? LastRollbackReason { get; set; }

        public override string ToString() => $"{Id} ({Status})";
    }

    /// <summary>A node-flow work item.</summary>
    public sealed class SandboxWorkItem
    {
        public SandboxWorkItem(string projectKey, string typeKey, string id)
        {
            ProjectKey = projectKey;
            TypeKey = typeKey;
            Id = id;
        }

        public string ProjectKey { get; }
        public string TypeKey { get; }
        public string Id { get; }
        public string? Name { get; set; }
        public bool Aborted { get; set; }
        public List<SandboxNode> Nodes { get; } = new List<SandboxNode>();
        public List<SandboxField> FieldDefinitions { get; } = new List<SandboxField>();

        /// <summary>Roles that exist for this work item (20041 for any other in role_assignee).</summary>
        public List<string> RoleDefinitions { get; } = new List<string>();

        public SandboxNode Node(string id) => Nodes.First(n => n.Id == id);

        public SandboxNode? FindNode(string id) => Nodes.FirstOrDefault(n => n.Id == id);

        public SandboxField? FindField(string? key, string? alias) =>
            FieldDefinitions.FirstOrDefault(f => key != null && f.Key == key || alias != null && f.Alias == alias);

        /// <summary>Adds a node that follows the current last node (linear flow) unless needs are given.</summary>
        public SandboxNode AddNode(string id, string? name = null, params string[] needs)
        {
            var node = new SandboxNode(id, name);
            if (needs.Length > 0) node.Needs.AddRange(needs);
            else if (Nodes.Count > 0) node.Needs.Add(Nodes[Nodes.Count - 1].Id);
            Nodes.Add(node);
            return node;
        }

        /// <summary>Nodes with no unmet needs arrive: the start of the flow.</summary>
        public void Start()
        {
            foreach (var node in Nodes)
            {
                if (node.Status == NodeStatus.NotArrived && node.Needs.All(n => FindNode(n)?.Status == NodeStatus.Completed))
                {
                    node.Status = NodeStatus.Arrived;
                    node.ActualBeginTime = DateTimeOffset.UtcNow;
                }
            }
        }

        /// <summary>Every node that (transitively) follows <paramref name="id"/>.</summary>
        public IEnumerable<SandboxNode> Downstream(string id)
        {
            var seen = new HashSet<string>();
            var queue = new Queue<string>(new[] { id });
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                foreach (var next in Nodes.Where(n => n.Needs.Contains(current) && seen.Add(n.Id)))
                {
                    queue.Enqueue(next.Id);
                    yield return next;
                }
            }
        }
    }
}
