namespace ApprovalTools.Core.Approval.Models
{
    // Wire values are the UPPER_SNAKE spelling of these names (Pending -> PENDING, ExternalConsign -> EXTERNAL_CONSIGN).

    /// <summary>How the server applies a sync: UPDATE adds/changes entities whose update_time grew, REPLACE overwrites and deletes.</summary>
    public enum UpdateMode { Update, Replace }

    public enum InstanceStatus { Pending, Approved, Rejected, Canceled, Deleted, Hidden, Terminated }

    public enum ExternalTaskStatus { Pending, Approved, Rejected, Transferred, Done }

    public enum ReadStatus { Read, Unread }

    public enum DisplayMethod { Browser, Sidebar, Normal, Trusteeship }

    public enum GenerateType { ExternalConsign, Default }

    public enum FormPolicy { Disable, Immutable, ByNode, ByUser }
}
