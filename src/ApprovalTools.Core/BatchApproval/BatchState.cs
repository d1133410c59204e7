namespace ApprovalTools.Core.BatchApproval
{
    /// <summary>Where a submitted batch stands, as far as the last progress answer tells.</summary>
    public enum BatchState
    {
        /// <summary>Accepted by the server (a batch number came back); no progress read yet.</summary>
        Submitted,

        /// <summary>Processed is below total.</summary>
        Running,

        /// <summary>Every task processed, none failed.</summary>
        Completed,

        /// <summary>Every task processed, some failed (closed or deleted): those need handling by hand.</summary>
        CompletedWithFailures,
    }
}
