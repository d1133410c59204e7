using System;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Operations
{
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

        /// <summary>What the server echoed (data.data of the answer).</summary>
        public ExternalInstance? Echo { get; set; }

        /// <summary>The server's insert/update/delete counts, when the answer carries process_record; otherwise null.</summary>
        public ProcessRecord? ProcessRecord { get; set; }

        /// <summary>x-tt-logid of the answer, for Feishu support.</summary>
        public string? LogId { get; set; }

        public override string ToString() => $"{InstanceId} {Mode} {Status}" + (ProcessRecord == null ? string.Empty : " " + ProcessRecord);
    }
}
