using System;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Protocol;

namespace ApprovalTools.Core.Approval.Operations
{
    /// <summary>What -Verify found for a synced instance.</summary>
    public enum VerifyState
    {
        /// <summary>Not verified (Sync-ExternalInstance without -Verify, Clear-ExternalInstance).</summary>
        NotVerified,

        /// <summary>The check call finds the instance and the tasks sent with an update_time exactly as sent.</summary>
        Applied,

        /// <summary>The server answered code 0 but holds other times: in UPDATE mode a stale update_time was silently ignored.</summary>
        NotApplied,

        /// <summary>The same instance was sent again later in this run; only the last send is judged.</summary>
        Superseded,

        /// <summary>The check call failed (see the warning); the sync itself succeeded.</summary>
        Unknown,
    }

    /// <summary>What Sync-ExternalInstance writes for each instance the server accepted.</summary>
    public sealed class SyncResult
    {
        public string InstanceId { get; set; } = string.Empty;
        public string? ApprovalCode { get; set; }
        public UpdateMode Mode { get; set; }
        public InstanceStatus Status { get; set; }

        /// <summary>The instance update_time that was sent.</summary>
        public DateTimeOffset UpdateTime { get; set; }

        public int TaskCount { get; set; }
        public int CcCount { get; set; }

        /// <summary>
        /// What the server echoed (data.data of the answer), read from the answer when first asked for; null when the
        /// answer has none or it could not be read (then <see cref="EchoError"/> says why).
        /// </summary>
        public ExternalInstance? Echo => Answer?.Echo;

        /// <summary>The server's insert/update/delete counts, when the answer carries process_record and it reads; otherwise null.</summary>
        public ProcessRecord? ProcessRecord => Answer?.ProcessRecord;

        /// <summary>Why the answer's data (echo and process_record) could not be read, with the JSON path; null when it was read.</summary>
        public string? EchoError => Answer?.EchoError;

        /// <summary>The create answer the three properties above are read from.</summary>
        internal CreateInstanceResult? Answer { get; set; }

        /// <summary>-Verify: whether the server holds what was sent (NotVerified without -Verify).</summary>
        public VerifyState Verified { get; set; }

        /// <summary>-Verify, NotApplied: the instance update_time the server holds (null when it lacks the instance).</summary>
        public DateTimeOffset? ServerUpdateTime { get; set; }

        /// <summary>-Verify, NotApplied: the check call's report (reason, per-task server times).</summary>
        public ExternalInstanceDiff? VerifyDiff { get; set; }

        /// <summary>x-tt-logid of the answer, for Feishu support.</summary>
        public string? LogId { get; set; }

        /// <summary>
        /// Position of the input item this result answers (0 = the first item the command received). With -ThrottleLimit
        /// greater than 1 results are written as requests complete, not in input order: sort by this when order matters.
        /// </summary>
        public long InputIndex { get; set; }


        public override string ToString() => $"{InstanceId} {Mode} {Status}" + (Verified == VerifyState.NotVerified ? string.Empty : " " + Verified) + (ProcessRecord == null ? string.Empty : " " + ProcessRecord);
    }
}
