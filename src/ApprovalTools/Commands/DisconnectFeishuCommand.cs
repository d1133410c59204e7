using System.Management.Automation;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Disconnect-Feishu: closes the current (or the given) Feishu connection.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Feishu")]
    [OutputType(typeof(FeishuConnection))]
    public sealed class DisconnectFeishuCommand : DisconnectCmdlet<FeishuConnection>
    {
    }
}
