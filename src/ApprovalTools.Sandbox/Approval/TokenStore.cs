using System;
using System.Collections.Generic;
using System.Linq;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>
    /// Tenant access tokens as Feishu issues them: a "t-" value living <see cref="Lifetime"/>; asking again while the
    /// current one has 30 minutes or more left returns the same token with its remaining seconds, otherwise a new one
    /// (both stay valid until they expire).
    /// </summary>
    internal sealed class TokenStore
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, (string AppId, DateTimeOffset Expires)> _tokens = new Dictionary<string, (string, DateTimeOffset)>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _current = new Dictionary<string, string>(StringComparer.Ordinal);

        public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(2);

        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        public int Issued { get; private set; }

        public (string Token, long ExpireSeconds) Issue(string appId)
        {
            lock (_gate)
            {
                var now = Clock();
                if (_current.TryGetValue(appId, out var token) && _tokens.TryGetValue(token, out var entry) && entry.Expires - now >= TimeSpan.FromMinutes(30))
                {
                    return (token, (long)(entry.Expires - now).TotalSeconds);
                }
                token = "t-" + Guid.NewGuid().ToString("N");
                _tokens[token] = (appId, now + Lifetime);
                _current[appId] = token;
                Issued++;
                return (token, (long)Lifetime.TotalSeconds);
            }
        }

        /// <summary>The app id of a live token, or null when the token is unknown or expired.</summary>
        public string? Validate(string token)
        {
            lock (_gate)
            {
                return _tokens.TryGetValue(token, out var entry) && entry.Expires > Clock() ? entry.AppId : null;
            }
        }

        public void ExpireAll()
        {
            lock (_gate)
            {
                var now = Clock();
                foreach (var key in _tokens.Keys.ToList()) _tokens[key] = (_tokens[key].AppId, now.AddSeconds(-1));
                _current.Clear();
            }
        }
    }
}
