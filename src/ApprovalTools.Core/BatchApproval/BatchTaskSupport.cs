namespace ApprovalTools.Core.BatchApproval
{
    /// <summary>What Test-BatchApproval emits: one per task id.</summary>
    public sealed class BatchTaskSupport
    {
        public BatchTaskSupport(string userId, string taskId, bool supported, string? reason)
        {
            UserId = userId;
            TaskId = taskId;
            Supported = supported;
            Reason = reason;
        }

        public string TaskId { get; }

        public bool Supported { get; }

        /// <summary>Why the task cannot be batch-approved; null when it can.</summary>
        public string? Reason { get; }

        public string UserId { get; }

        public override string ToString() => TaskId + (Supported ? ": supported" : ": not supported (" + Reason + ")");
    }
}
