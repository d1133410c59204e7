using ApprovalTools.Core.Approval.Protocol;

namespace ApprovalTools.Infrastructure
{
    /// <summary>-Connection, else the last Connect-* of that service, else a terminating error.</summary>
    internal static class Connections
    {
        public static FeishuConnection Feishu(ApprovalCmdlet cmdlet, FeishuConnection? given) =>
            cmdlet.RequireConnection(given, "FeishuNotConnected",
                "Not connected to Feishu: run Connect-Feishu first (or Connect-Feishu -Sandbox), or pass -Connection.");
    }
}
