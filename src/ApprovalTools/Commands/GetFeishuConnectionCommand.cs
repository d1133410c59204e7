using System.Management.Automation;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Get-FeishuConnection: the connection Feishu approval cmdlets use without -Connection.</summary>
    [Cmdlet(VerbsCommon.Get, "FeishuConnection")]
    [OutputType(typeof(FeishuConnection))]
    public sealed class GetFeishuConnectionCommand : GetConnectionCmdlet<FeishuConnection>
    {
    }
}
