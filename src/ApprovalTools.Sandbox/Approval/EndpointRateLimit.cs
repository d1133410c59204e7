using System;
using System.Collections.Generic;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>Per-endpoint fixed one-second windows, as the Open Platform's "50 per second" tier counts.</summary>
    internal sealed class EndpointRateLimit
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, (long Second, int Count)> _windows = new Dictionary<string, (long, int)>(StringComparer.Ordinal);

        /// <summary>Requests per second per endpoint and app; 0 turns the limit off.</summary>
        public int PerSecond { get; set; } = 50;

        /// <summary>True when the request is allowed; otherwise the seconds until the window resets.</summary>
        public bool TryAcquire(string key, DateTimeOffset now, out int resetSeconds)
        {
            resetSeconds = 0;
            if (PerSecond <= 0) return true;
            var second = now.ToUnixTimeSeconds();
            lock (_gate)
            {
                _windows.TryGetValue(key, out var window);
                if (window.Second != second) window = (second, 0);
                if (window.Count >= PerSecond)
                {
                    resetSeconds = 1;
                    return false;
                }
                _windows[key] = (second, window.Count + 1);
                return true;
            }
        }
    }
}
