using System;
using System.Collections.Generic;

namespace ApprovalTools.Core.Approval.Operations
{
    /// <summary>Why the check call reported an instance (the FAQ's four steps, decoded).</summary>
    public enum DiffReason
    {
        /// <summary>The server has no instance with this id.</summary>
        InstanceMissing,

        /// <summary>The server lacks at least one of the tasks.</summary>
        TaskMissing,

        /// <summary>At least one task's update_time differs from the server's latest sync.</summary>
        TaskStale,

        /// <summary>The tasks match but the instance's update_time differs from the server's latest sync.</summary>
        InstanceStale,
    }

    /// <summary>One task the check call reported.</summary>
    public sealed class ExternalTaskDiff
    {
        public string TaskId { get; set; } = string.Empty;

        /// <summary><see cref="DiffReason.TaskMissing"/> or <see cref="DiffReason.TaskStale"/>.</summary>
        public DiffReason Reason { get; set; }

        public DateTimeOffset? LocalUpdateTime { get; set; }

        /// <summary>Null when the server does not have the task ("0" on the wire).</summary>
        public DateTimeOffset? ServerUpdateTime { get; set; }

        public override string ToString() => $"{TaskId} {Reason}";
    }

    /// <summary>
    /// What Test-ExternalInstance writes for each out-of-sync instance. <see cref="InputObject"/> is the item that was
    /// tested, so piping the diffs into Sync-ExternalInstance resyncs exactly these instances.
    /// </summary>
    public sealed class ExternalInstanceDiff
    {
        public string InstanceId { get; set; } = string.Empty;
        public DiffReason Reason { get; set; }
        public DateTimeOffset LocalUpdateTime { get; set; }

        /// <summary>Null when the server does not have the instance.</summary>
        public DateTimeOffset? ServerUpdateTime { get; set; }

        public IReadOnlyList<ExternalTaskDiff> Tasks { get; set; } = Array.Empty<ExternalTaskDiff>();

        /// <summary>False when the tested item was only id + update_time + tasks: Sync then has nothing to send.</summary>
        public bool CanResync { get; set; }

        /// <summary>The original input item.</summary>
        public object? InputObject { get; set; }

        public override string ToString() => $"{InstanceId} {Reason}";
    }
}
