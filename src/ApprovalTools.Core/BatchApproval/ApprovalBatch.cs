using System;
using ApprovalTools.Core.Operations;
using System.Collections.Generic;

namespace ApprovalTools.Core.BatchApproval
{
    /// <summary>
    /// One submitted batch (at most 200 tasks): what Submit-BatchApproval emits per call to _submit and what
    /// Get-BatchApprovalProgress takes and returns. UserId and BatchNumber are all the server needs to follow it,
    /// so a batch can be picked up again from another session.
    /// </summary>
    public sealed class ApprovalBatch
    {
        public ApprovalBatch(string userId, string batchNumber, IReadOnlyList<string>? taskIds = null, DateTimeOffset? submittedAt = null)
        {
            UserId = userId;
            BatchNumber = batchNumber;
            TaskIds = taskIds == null ? TextList.Empty : new TextList(taskIds);
            SubmittedAt = submittedAt;
        }

        public string BatchNumber { get; }

        public string UserId { get; }

        /// <summary>The ids sent in this batch; empty when the batch was picked up by number only.</summary>
        public TextList TaskIds { get; }

        /// <summary>When the server accepted it; null when picked up by number only.</summary>
        public DateTimeOffset? SubmittedAt { get; }

        public BatchState State { get; private set; } = BatchState.Submitted;

        /// <summary>Tasks in the batch as the server counts them; null until progress was read.</summary>
        public int? Total { get; private set; }

        /// <summary>Tasks processed so far, failures included; null until progress was read.</summary>
        public int? Processed { get; private set; }

        /// <summary>Tasks the server could not approve (closed or deleted): handle them by hand.</summary>
        public TextList FailedTasks { get; private set; } = TextList.Empty;

        public int FailedCount => FailedTasks.Length;

        /// <summary>Processed minus failed: tasks the batch approved.</summary>
        public int? Approved => Processed == null ? (int?)null : Math.Max(0, Processed.Value - FailedTasks.Length);

        public int? PercentComplete => Total == null ? (int?)null : Total.Value <= 0 ? 100 : (int)(Math.Min(Processed ?? 0, Total.Value) * 100L / Total.Value);

        /// <summary>When the progress was last read.</summary>
        public DateTimeOffset? CheckedAt { get; private set; }

        public bool IsFinished => State == BatchState.Completed || State == BatchState.CompletedWithFailures;

        /// <summary>The input item this batch was read from (Get-BatchApprovalProgress): what its errors name.</summary>
        internal object? Input { get; set; }

        /// <summary>Written to the caller already (so a stop report leaves it out).</summary>
        internal bool Reported { get; set; }

        /// <summary>Takes in a progress answer.</summary>
        public void Update(BatchProgress progress, DateTimeOffset checkedAt)
        {
            Total = progress.Total;
            Processed = progress.Processed;
            var failed = new List<string>();
            foreach (var task in progress.FailedTasks) failed.Add(task.TaskId);
            FailedTasks = new TextList(failed);
            CheckedAt = checkedAt;
            State = progress.Processed < progress.Total ? BatchState.Running
                : failed.Count > 0 ? BatchState.CompletedWithFailures : BatchState.Completed;
        }

        /// <summary>A copy with the same identity and state, for answering a query without changing the caller's object.</summary>
        public ApprovalBatch Copy()
        {
            var copy = new ApprovalBatch(UserId, BatchNumber, TaskIds, SubmittedAt)
            {
                State = State, Total = Total, Processed = Processed, FailedTasks = FailedTasks, CheckedAt = CheckedAt,
            };
            return copy;
        }

        public override string ToString() =>
            BatchNumber + " (" + State + (Total == null ? string.Empty : ", " + Processed + "/" + Total) + ")";
    }
}
