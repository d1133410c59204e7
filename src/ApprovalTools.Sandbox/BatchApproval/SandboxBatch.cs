using System;
using System.Collections.Generic;

namespace ApprovalTools.Sandbox.BatchApproval
{
    /// <summary>
    /// One submitted batch in the simulator. Its progress is computed from the clock: it starts when the batches
    /// before it are done (one queue, like a server working through submissions) and processes
    /// <see cref="TasksPerSecond"/> tasks a second, so tests need no background thread.
    /// </summary>
    public sealed class SandboxBatch
    {
        internal SandboxBatch(string batchNumber, string userId, IReadOnlyList<string> taskIds, ISet<string> failing,
            DateTimeOffset submittedAt, DateTimeOffset startsAt, double tasksPerSecond)
        {
            BatchNumber = batchNumber;
            UserId = userId;
            TaskIds = taskIds;
            Failing = failing;
            SubmittedAt = submittedAt;
            StartsAt = startsAt;
            TasksPerSecond = tasksPerSecond;
        }

        public string BatchNumber { get; }
        public string UserId { get; }
        public IReadOnlyList<string> TaskIds { get; }

        /// <summary>Tasks that fail when processed (closed or deleted), decided at submit time.</summary>
        public ISet<string> Failing { get; }

        public DateTimeOffset SubmittedAt { get; }
        public DateTimeOffset StartsAt { get; }
        public double TasksPerSecond { get; }

        public DateTimeOffset EndsAt => StartsAt + TimeSpan.FromSeconds(TaskIds.Count / TasksPerSecond);

        public int ProcessedAt(DateTimeOffset now)
        {
            var seconds = (now - StartsAt).TotalSeconds;
            if (seconds <= 0) return 0;
            return (int)Math.Min(TaskIds.Count, Math.Floor(seconds * TasksPerSecond));
        }

        /// <summary>The failed ones among the first <paramref name="processed"/> tasks, in order.</summary>
        public List<string> FailedAmongFirst(int processed)
        {
            var failed = new List<string>();
            for (var i = 0; i < processed && i < TaskIds.Count; i++)
            {
                if (Failing.Contains(TaskIds[i])) failed.Add(TaskIds[i]);
            }
            return failed;
        }
    }
}
