using System.Collections.Generic;

namespace ApprovalTools.Core.Operations
{
    /// <summary>
    /// An operation that can say, after Ctrl+C, what it had already sent without reporting the outcome, so the operator
    /// can follow or repeat exactly that. Read on the pipeline thread after the operation was stopped.
    /// </summary>
    public interface IStopReport
    {
        /// <summary>One line naming what was sent and not reported, with how to follow it up; null when nothing was.</summary>
        string? DescribeUnreported();
    }

    public static class StopReports
    {
        private const int Named = 20;

        /// <summary>"N {what}: a, b, c ... (and M more). {followUp}", or null for an empty list.</summary>
        public static string? Describe(IReadOnlyCollection<string> items, string what, string followUp)
        {
            if (items.Count == 0) return null;
            var shown = string.Join(", ", System.Linq.Enumerable.Take(items, Named));
            var more = items.Count > Named ? $" (and {items.Count - Named} more)" : string.Empty;
            return $"Stopped: {items.Count} {what}: {shown}{more}. {followUp}";
        }
    }
}
