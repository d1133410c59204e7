namespace ApprovalTools.Core.BatchApproval.Operations
{
    public sealed class SubmitBatchApprovalOptions
    {
        public SubmitBatchApprovalOptions(string userId) => UserId = userId;

        /// <summary>The user on whose behalf the tasks are approved (user_id).</summary>
        public string UserId { get; }

        /// <summary>Submit without asking _check first (the server then rejects a chunk holding an unsupported task).</summary>
        public bool SkipCheck { get; set; }

        /// <summary>Poll until every batch is processed and report the outcome; otherwise return once submitted.</summary>
        public bool Wait { get; set; }

        public BatchWaitOptions WaitOptions { get; set; } = new BatchWaitOptions();

        /// <summary>Turns a host object into plain dictionaries (the cmdlet's PSObject adapter) before its id is read; errors keep the original item.</summary>
        public System.Func<object?, object?>? InputAdapter { get; set; }
    }
}
