using System.Collections.Concurrent;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Connections
{
    /// <summary>
    /// The current connection per service ("without -Connection, the last Connect-* of that service is used").
    /// A new default replaces the old one and closes it; Disconnect-* removes and closes it.
    /// </summary>
    public static class DefaultConnections
    {
        private static readonly ConcurrentDictionary<ServiceKind, ServiceConnection> Current = new ConcurrentDictionary<ServiceKind, ServiceConnection>();

        /// <summary>Makes <paramref name="connection"/> its service's default; the previous default, if another object, is disposed.</summary>
        public static void Set(ServiceConnection connection)
        {
            ServiceConnection? previous = null;
            Current.AddOrUpdate(connection.Service, connection, (_, old) =>
            {
                previous = old;
                return connection;
            });
            if (previous != null && !ReferenceEquals(previous, connection)) previous.Dispose();
        }

        public static T? Get<T>() where T : ServiceConnection
        {
            foreach (var connection in Current.Values)
            {
                if (connection is T match) return match;
            }
            return null;
        }

        public static ServiceConnection? Get(ServiceKind service) => Current.TryGetValue(service, out var c) ? c : null;

        /// <summary>Disposes <paramref name="connection"/> and, when it is its service's default, removes it as the default.</summary>
        public static void Close(ServiceConnection connection)
        {
            if (Current.TryGetValue(connection.Service, out var current) && ReferenceEquals(current, connection))
            {
                ((System.Collections.Generic.ICollection<System.Collections.Generic.KeyValuePair<ServiceKind, ServiceConnection>>)Current)
                    .Remove(new System.Collections.Generic.KeyValuePair<ServiceKind, ServiceConnection>(connection.Service, connection));
            }
            connection.Dispose();
        }
    }
}
