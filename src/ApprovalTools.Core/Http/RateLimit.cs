using System;
using System.Globalization;
using System.Linq;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// A service's documented limit for one endpoint: at most <see cref="PerSecond"/> requests in any second and
    /// <see cref="PerMinute"/> in any minute (Feishu create/check: 50 and 1000; Feishu Project: 15 per second). 0 = no limit
    /// in that window.
    /// </summary>
    public sealed class RateLimit : IEquatable<RateLimit>
    {
        public static readonly RateLimit None = new RateLimit(0, 0);

        public RateLimit(int perSecond, int perMinute = 0)
        {
            if (perSecond < 0) throw new ArgumentOutOfRangeException(nameof(perSecond), "must be 0 (no limit) or more");
            if (perMinute < 0) throw new ArgumentOutOfRangeException(nameof(perMinute), "must be 0 (no limit) or more");
            PerSecond = perSecond;
            PerMinute = perMinute;
        }

        public int PerSecond { get; }

        public int PerMinute { get; }

        public bool IsUnlimited => PerSecond == 0 && PerMinute == 0;

        public bool Equals(RateLimit? other) => other != null && other.PerSecond == PerSecond && other.PerMinute == PerMinute;

        public override bool Equals(object? obj) => Equals(obj as RateLimit);

        public override int GetHashCode() => PerSecond * 397 ^ PerMinute;

        public override string ToString() => IsUnlimited ? "unlimited"
            : string.Join(", ", new[] { PerSecond > 0 ? PerSecond.ToString(CultureInfo.InvariantCulture) + "/s" : null, PerMinute > 0 ? PerMinute.ToString(CultureInfo.InvariantCulture) + "/min" : null }.Where(s => s != null));
    }
}
