using System.Management.Automation;
using ApprovalTools.Core.Project;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Disconnect-FeishuProject: closes the current (or the given) Feishu Project connection.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "FeishuProject")]
    [OutputType(typeof(FeishuProjectConnection))]
    public sealed class DisconnectFeishuProjectCommand : DisconnectCmdlet<FeishuProjectConnection>
    {
    }
}
