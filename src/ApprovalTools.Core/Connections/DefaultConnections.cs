using System;
using System.Collections.Concurrent;

namespace ApprovalTools.Core.Connections
{
    /// <summary>
    /// The last connection made per service ("without -Connection, the last Connect-* of that service is used").
    /// Keyed by the connection's type, so each service has exactly one default.
    /// </summary>
    public static class DefaultConnections
    {
        private static readonly ConcurrentDictionary<Type, object> Current = new ConcurrentDictionary<Type, object>();

        public static void Set<T>(T connection) where T : class => Current[typeof(T)] = connection;

        public static T? Get<T>() where T : class => Current.TryGetValue(typeof(T), out var c) ? (T)c : null;

        public static void Clear<T>() where T : class => Current.TryRemove(typeof(T), out _);
    }
}
