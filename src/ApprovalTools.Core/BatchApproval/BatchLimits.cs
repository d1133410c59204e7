namespace ApprovalTools.Core.BatchApproval
{
    public static class BatchLimits
    {
        /// <summary>"task_ids每次最多200个": at most 200 task ids per _check or _submit call (batch approval docs, 8.1 and 8.2).</summary>
        public const int MaxTaskIdsPerCall = 200;
    }
}
