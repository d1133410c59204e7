using System;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Project;

namespace ApprovalTools.Infrastructure
{
    /// <summary>How messages name a service and the commands that connect to it and disconnect from it.</summary>
    internal sealed class ServiceCommands
    {
        private static readonly ServiceCommands Feishu = new ServiceCommands("Feishu", "Connect-Feishu", "Disconnect-Feishu");
        private static readonly ServiceCommands Batch = new ServiceCommands("a batch approval server", "Connect-BatchApproval", "Disconnect-BatchApproval");
        private static readonly ServiceCommands Project = new ServiceCommands("Feishu Project", "Connect-FeishuProject", "Disconnect-FeishuProject");

        private ServiceCommands(string name, string connect, string disconnect)
        {
            Name = name;
            Connect = connect;
            Disconnect = disconnect;
        }

        public string Name { get; }
        public string Connect { get; }
        public string Disconnect { get; }

        public static ServiceCommands For(Type connectionType)
        {
            if (connectionType == typeof(FeishuConnection)) return Feishu;
            if (connectionType == typeof(BatchApprovalConnection)) return Batch;
            if (connectionType == typeof(FeishuProjectConnection)) return Project;
            throw new ArgumentOutOfRangeException(nameof(connectionType), connectionType, "Not a connection type of this module.");
        }
    }
}
