using System.Management.Automation;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Base of the batch approval cmdlets that call the API: the -Connection parameter and its default.</summary>
    public abstract class BatchApprovalCmdlet : ApprovalCmdlet
    {
        /// <summary>The object Connect-BatchApproval returned; without it, the last connection made.</summary>
        [Parameter]
        public BatchApprovalConnection? Connection { get; set; }

        protected BatchApprovalConnection ResolveConnection()
        {
            var connection = Connection ?? DefaultConnections.Get<BatchApprovalConnection>();
            if (connection == null)
            {
                Terminate("NoBatchApprovalConnection", ErrorKind.InvalidOperation,
                    "Not connected to a batch approval server: run Connect-BatchApproval -BaseUri <uri> -Token <token> (or -Sandbox) first, or pass -Connection.");
            }
            return connection!;
        }
    }
}
