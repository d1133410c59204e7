using System.Management.Automation;
using ApprovalTools.Core.BatchApproval;
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

        /// <summary>-UserId is user_id, a mandatory URL parameter of every call: blank ends the command.</summary>
        protected string RequireUserId(string? userId)
        {
            if (string.IsNullOrWhiteSpace(userId)) Terminate("BatchUserIdMissing", ErrorKind.InvalidArgument, "UserId is blank; give the id of the user on whose behalf the tasks are approved.");
            return userId!.Trim();
        }
    }
}
