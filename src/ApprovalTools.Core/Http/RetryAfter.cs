using System;
using System.Globalization;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// The one reading of a server's "wait before retrying" headers for all three services: Retry-After (RFC 9110: seconds
    /// or an HTTP date) and Feishu's gateway header x-ogw-ratelimit-reset (seconds). When both are given the longer wait
    /// wins, so the client never comes back earlier than the server asked.
    /// </summary>
    public static class RetryAfter
    {
        public static TimeSpan? From(ApiResponse response, DateTimeOffset now)
        {
            var retryAfter = Parse(response.Header("retry-after"), now);
            var reset = Parse(response.Header("x-ogw-ratelimit-reset"), now);
            if (retryAfter == null) return reset;
            if (reset == null) return retryAfter;
            return retryAfter > reset ? retryAfter : reset;
        }

        /// <summary>Seconds (non-negative, fractions allowed) or an HTTP date; null when absent or unreadable.</summary>
        public static TimeSpan? Parse(string? value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var text = value!.Trim();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            }
            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            {
                var wait = at - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }
    }
}
