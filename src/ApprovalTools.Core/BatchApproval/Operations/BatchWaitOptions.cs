using System;

namespace ApprovalTools.Core.BatchApproval.Operations
{
    /// <summary>How -Wait polls progress: every <see cref="PollInterval"/> while tasks move, backing off to <see cref="MaxPollInterval"/> while they do not.</summary>
    public sealed class BatchWaitOptions
    {
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Factor applied to the delay after a poll in which no task was processed.</summary>
        public double Backoff { get; set; } = 1.5;
    }
}
