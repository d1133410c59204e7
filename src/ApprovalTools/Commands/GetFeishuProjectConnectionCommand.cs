using System.Management.Automation;
using ApprovalTools.Core.Project;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Get-FeishuProjectConnection: the connection Invoke-NodeOperation uses without -Connection.</summary>
    [Cmdlet(VerbsCommon.Get, "FeishuProjectConnection")]
    [OutputType(typeof(FeishuProjectConnection))]
    public sealed class GetFeishuProjectConnectionCommand : GetConnectionCmdlet<FeishuProjectConnection>
    {
    }
}
