using System;
using System.Linq;
using ApprovalTools.Sandbox.Approval;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>The sandbox counts Feishu's tier 4 as documented: 50 in any second and 1000 in any minute, per app and endpoint.</summary>
    public sealed class ApprovalSandboxRateLimitTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 30, 6, 0, 0, 500, TimeSpan.Zero);

        [Fact]
        public void The_51st_request_within_one_second_is_refused_even_across_a_calendar_second()
        {
            var limit = new EndpointRateLimit();
            // 50 spread over the last 400 ms of one calendar second; the next 600 ms still belong to the same sliding second.
            for (var i = 0; i < 50; i++) Assert.True(limit.TryAcquire("app create", T0 + TimeSpan.FromMilliseconds(100 + 8 * i), out _, out _));

            Assert.False(limit.TryAcquire("app create", T0 + TimeSpan.FromMilliseconds(700), out var cap, out var reset));
            Assert.Equal(50, cap);
            Assert.Equal(1, reset);
            Assert.True(limit.TryAcquire("app check", T0 + TimeSpan.FromMilliseconds(700), out _, out _), "another endpoint has a budget of its own");
            Assert.True(limit.TryAcquire("app create", T0 + TimeSpan.FromMilliseconds(1100), out _, out _));
        }

        [Fact]
        public void The_1001st_request_within_one_minute_is_refused_with_the_seconds_until_one_fits()
        {
            var limit = new EndpointRateLimit();
            // 1000 requests at 50 per second: 20 s.
            foreach (var i in Enumerable.Range(0, 1000)) Assert.True(limit.TryAcquire("app create", T0 + TimeSpan.FromMilliseconds(20 * i + 1), out _, out _), "request " + i);

            Assert.False(limit.TryAcquire("app create", T0 + TimeSpan.FromSeconds(30), out var cap, out var reset));
            Assert.Equal(1000, cap);
            Assert.Equal(31, reset);
            Assert.False(limit.TryAcquire("app create", T0 + TimeSpan.FromSeconds(60), out _, out _));
            Assert.True(limit.TryAcquire("app create", T0 + TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(2), out _, out _));
            Assert.True(limit.TryAcquire("other-app create", T0 + TimeSpan.FromSeconds(30), out _, out _));
        }

        [Fact]
        public void Refused_requests_do_not_count_and_zero_turns_a_window_off()
        {
            var limit = new EndpointRateLimit { PerSecond = 2, PerMinute = 0 };
            Assert.True(limit.TryAcquire("k", T0, out _, out _));
            Assert.True(limit.TryAcquire("k", T0, out _, out _));
            for (var i = 0; i < 5; i++) Assert.False(limit.TryAcquire("k", T0 + TimeSpan.FromMilliseconds(10 * i), out _, out _));
            Assert.True(limit.TryAcquire("k", T0 + TimeSpan.FromSeconds(1), out _, out _));

            var minuteOnly = new EndpointRateLimit { PerSecond = 0, PerMinute = 3 };
            for (var i = 0; i < 3; i++) Assert.True(minuteOnly.TryAcquire("k", T0, out _, out _));
            Assert.False(minuteOnly.TryAcquire("k", T0 + TimeSpan.FromSeconds(59), out _, out _));
        }
    }
}
