using System;

namespace ApprovalTools.Core.Project
{
    /// <summary>A node operation the server accepted.</summary>
    public sealed class NodeOperationResult
    {
        public string ProjectKey { get; set; } = string.Empty;
        public string WorkItemTypeKey { get; set; } = string.Empty;
        public string WorkItemId { get; set; } = string.Empty;
        public string NodeId { get; set; } = string.Empty;
        public NodeAction Action { get; set; }

        /// <summary>The X-IDEM-UUID sent on every attempt of this operation.</summary>
        public string IdempotencyKey { get; set; } = string.Empty;

        /// <summary>How many times the request was sent (1 unless it was retried).</summary>
        public int Attempts { get; set; }

        /// <summary>The server's log id of the accepted answer (X-Tt-Logid), for support requests.</summary>
        public string? LogId { get; set; }

        /// <summary>
        /// True when an attempt got no answer and the resend was told the node had already moved (the server deduplicates
        /// X-IDEM-UUID per plugin token, so a resend after a token refresh is judged afresh); the workflow re-read showed
        /// the node where this operation puts it. <see cref="LogId"/> is then unknown.
        /// </summary>
        public bool AppliedByEarlierAttempt { get; set; }

        public DateTimeOffset CompletedAt { get; set; }

        /// <summary>
        /// Position of the input item this result answers (0 = the first item the command received). With -ThrottleLimit
        /// greater than 1 results are written as requests complete, not in input order: sort by this when order matters.
        /// </summary>
        public long InputIndex { get; set; }


        public override string ToString() =>
            $"{Action} {ProjectKey}/{WorkItemTypeKey}/{WorkItemId} node {NodeId}" + (Attempts > 1 ? $" after {Attempts} attempts" : string.Empty);
    }
}
