namespace ApprovalTools.Core.Operations
{
    /// <summary>One Write-Progress record. <see cref="Completed"/> closes the bar.</summary>
    public sealed class ProgressInfo
    {
        public ProgressInfo(int activityId, string activity, string status, int percentComplete = -1, bool completed = false)
        {
            ActivityId = activityId;
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
            Completed = completed;
        }

        public int ActivityId { get; }
        public string Activity { get; }
        public string Status { get; }

        /// <summary>-1 when the total is unknown.</summary>
        public int PercentComplete { get; }
        public bool Completed { get; }

        public static int Percent(long done, long total) => total <= 0 ? -1 : (int)(done * 100 / total);
    }
}
