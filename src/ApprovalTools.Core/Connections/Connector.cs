using System.Threading;
using System.Threading.Tasks;

namespace ApprovalTools.Core.Connections
{
    /// <summary>Options → connection, the same way for the three services.</summary>
    public static class Connector
    {
        /// <summary>Builds a connection without sending anything (a token is fetched on first use).</summary>
        /// <exception cref="ConnectionSetupException">A required value is missing or unusable.</exception>
        public static TConnection Create<TConnection>(ConnectionOptions<TConnection> options) where TConnection : ServiceConnection =>
            options.Open();

        /// <summary>
        /// Builds a connection and checks it where the service allows (Feishu and Feishu Project fetch a token now), so
        /// wrong credentials fail here with <see cref="ConnectionErrors.CredentialsRejected"/> and an unreachable host
        /// with ServiceUnreachable.
        /// </summary>
        public static async Task<TConnection> ConnectAsync<TConnection>(ConnectionOptions<TConnection> options, CancellationToken cancellationToken)
            where TConnection : ServiceConnection
        {
            var connection = options.Open();
            try
            {
                await connection.VerifyAsync(cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }
}
