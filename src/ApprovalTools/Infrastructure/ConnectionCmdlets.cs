using System.Management.Automation;
using ApprovalTools.Core.Connections;

namespace ApprovalTools.Infrastructure
{
    /// <summary>Get-*Connection: writes the service's current connection, or nothing when there is none.</summary>
    public abstract class GetConnectionCmdlet<T> : ApprovalCmdlet where T : ServiceConnection
    {
        protected override void EndProcessing()
        {
            var connection = DefaultConnections.Get<T>();
            if (connection != null) WriteObject(connection);
        }
    }

    /// <summary>
    /// Disconnect-*: closes -Connection, else the service's current connection, and stops using it as the default.
    /// Nothing is sent (the services have no sign-out call; tokens simply expire). Without a connection it only says so in a verbose line.
    /// </summary>
    public abstract class DisconnectCmdlet<T> : ApprovalCmdlet where T : ServiceConnection
    {
        [Parameter(ValueFromPipeline = true)]
        public T? Connection { get; set; }

        /// <summary>Writes the closed connection.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var connection = Connection ?? DefaultConnections.Get<T>();
            if (connection == null)
            {
                WriteVerbose($"Not connected to {ServiceCommands.For(typeof(T)).Name}; nothing to disconnect.");
                return;
            }
            WriteVerbose($"Disconnecting from {connection.Tenant}.");
            DefaultConnections.Close(connection);
            if (PassThru) WriteObject(connection);
        }
    }
}
