using System.Management.Automation;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Get-BatchApprovalConnection: the connection batch approval cmdlets use without -Connection.</summary>
    [Cmdlet(VerbsCommon.Get, "BatchApprovalConnection")]
    [OutputType(typeof(BatchApprovalConnection))]
    public sealed class GetBatchApprovalConnectionCommand : GetConnectionCmdlet<BatchApprovalConnection>
    {
    }
}
