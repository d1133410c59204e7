using System.Management.Automation;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Disconnect-BatchApproval: closes the current (or the given) batch approval connection.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "BatchApproval")]
    [OutputType(typeof(BatchApprovalConnection))]
    public sealed class DisconnectBatchApprovalCommand : DisconnectCmdlet<BatchApprovalConnection>
    {
    }
}
