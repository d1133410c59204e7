using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Infrastructure
{
    /// <summary>-Connection, else the last Connect-* of that service, else a terminating error.</summary>
    internal static class Connections
    {
        public static FeishuConnection Feishu(ApprovalCmdlet cmdlet, FeishuConnection? given)
        {
            var connection = given ?? DefaultConnections.Get<FeishuConnection>();
            if (connection == null)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(new OperationError("FeishuNotConnected", ErrorKind.InvalidOperation,
                    "Not connected to Feishu: run Connect-Feishu first (or Connect-Feishu -Sandbox), or pass -Connection.", null)));
            }
            return connection!;
        }
    }
}
