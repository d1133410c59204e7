using System;
using System.Threading;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.BatchApproval.Operations
{
    /// <summary>How -Wait polls progress: every <see cref="PollInterval"/> while tasks move, backing off to <see cref="MaxPollInterval"/> while they do not.</summary>
    public sealed class BatchWaitOptions
    {
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Polls every <paramref name="seconds"/> (-PollInterval); the back-off ceiling is never below it.</summary>
        public static BatchWaitOptions Every(double seconds)
        {
            var interval = TimeSpan.FromSeconds(seconds);
            var options = new BatchWaitOptions { PollInterval = interval };
            if (options.MaxPollInterval < interval) options.MaxPollInterval = interval;
            return options;
        }

        /// <summary>How a wait between polls is done; tests record the delays instead of sleeping.</summary>
        internal Action<TimeSpan, CancellationToken> Sleep { get; set; } = SinkCalls.Sleep;

        /// <summary>Factor applied to the delay after a poll in which no task was processed.</summary>
        public double Backoff { get; set; } = 1.5;
    }
}
