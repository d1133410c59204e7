using System;
using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Http;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    /// <summary>The client's schedule proven on made-up times: never more than N in any window, and close to N when saturated.</summary>
    public sealed class RateScheduleTests
    {
        private static readonly long Second = TimeSpan.TicksPerSecond;

        [Theory]
        [InlineData(50, 1000, 1)]
        [InlineData(50, 1000, 2)]
        [InlineData(15, 0, 3)]
        [InlineData(0, 100, 4)]
        public void No_window_of_the_documented_length_ever_holds_more_than_its_limit(int perSecond, int perMinute, int seed)
        {
            var schedule = new RateSchedule(new RateLimit(perSecond, perMinute));
            var random = new Random(seed);
            var slots = new List<long>();
            var arrival = 0L;
            // Bursts, pauses and steady streams, as concurrent callers produce them; waiters that wake up late.
            for (var i = 0; i < 6000; i++)
            {
                arrival += random.Next(300) == 0 ? random.Next((int)(40 * Second)) : random.Next(4) == 0 ? random.Next((int)Second) : random.Next((int)(Second / 100));
                var now = Math.Max(arrival, slots.Count > 0 ? slots[slots.Count - 1] : 0);
                var late = random.Next(3) == 0 ? random.Next((int)(Second / 5)) : 0;
                slots.Add(Take(schedule, now, late));
            }

            if (perSecond > 0) Assert.InRange(MostInAnyWindow(slots, Second), 1, perSecond);
            if (perMinute > 0) Assert.InRange(MostInAnyWindow(slots, 60 * Second), 1, perMinute);
        }

        [Theory]
        [InlineData(50, 1000, 3000)]
        [InlineData(50, 0, 1000)]
        [InlineData(15, 0, 600)]
        public void Saturated_demand_gets_at_least_95_percent_of_the_binding_limit(int perSecond, int perMinute, int n)
        {
            var schedule = new RateSchedule(new RateLimit(perSecond, perMinute));
            var slots = new List<long>();
            for (var i = 0; i < n; i++) slots.Add(Take(schedule, slots.Count > 0 ? slots[slots.Count - 1] : 0, lateness: 0));
            var last = slots[n - 1];
            if (perSecond > 0) Assert.Equal(perSecond, MostInAnyWindow(slots, Second));
            if (perMinute > 0) Assert.Equal(perMinute, MostInAnyWindow(slots, 60 * Second));

            // The earliest the n-th request could go if every window were used to the full: the ideal schedule's last slot.
            var ideal = IdealLastSlot(n, perSecond, perMinute);
            Assert.True(ideal >= 0.95 * last, $"last slot {last / (double)Second:F2} s, ideal {ideal / (double)Second:F2} s");
        }

        [Fact]
        public void A_throttled_answer_widens_the_windows_and_successful_takes_wear_it_off()
        {
            var schedule = new RateSchedule(new RateLimit(10));
            var last = 0L;
            for (var i = 0; i < 10; i++) last = Take(schedule, last, lateness: 0);
            schedule.Throttled();
            schedule.Throttled();

            var next = Take(schedule, last, lateness: 0);
            // The 11th request waits for the first to leave the second, plus the margin, plus two steps.
            Assert.Equal(Second + RateSchedule.SecondMargin.Ticks + 2 * RateSchedule.ThrottleStep.Ticks, next);
            for (var i = 0; i < 2000; i++) next = Take(schedule, next, lateness: 0);
            Assert.Equal(TimeSpan.Zero, schedule.ExtraMargin);
            for (var i = 0; i < 20; i++) schedule.Throttled();
            Assert.Equal(RateSchedule.MaxExtraMargin, schedule.ExtraMargin);
        }

        [Fact]
        public void The_registry_gives_two_connections_of_one_app_one_schedule()
        {
            var now = TimeSpan.Zero;
            var registry = new RateLimiterRegistry(() => now);
            var limit = new RateLimit(50, 1000);
            for (var i = 0; i < 50; i++) Assert.Equal(TimeSpan.Zero, registry.TryTake("Feishu app-a create", limit));

            // A second connection to the same app waits for the first one's window; another app does not.
            Assert.True(registry.TryTake("Feishu app-a create", limit) >= TimeSpan.FromSeconds(1));
            Assert.Equal(TimeSpan.Zero, registry.TryTake("Feishu app-b create", limit));
            now += TimeSpan.FromSeconds(1.1);
            Assert.Equal(TimeSpan.Zero, registry.TryTake("Feishu app-a create", limit));
        }

        [Fact]
        public void An_idle_schedule_is_dropped_only_after_its_longest_window()
        {
            var now = TimeSpan.Zero;
            var registry = new RateLimiterRegistry(() => now);
            var limit = new RateLimit(0, 1000);
            for (var i = 0; i < 1000; i++) Assert.Equal(TimeSpan.Zero, registry.TryTake("a", limit));
            now += TimeSpan.FromSeconds(30);
            registry.TryTake("b", limit);
            Assert.Equal(2, registry.Count);
            Assert.True(registry.TryTake("a", limit) > TimeSpan.FromSeconds(25), "the minute window of 'a' was forgotten");

            now += TimeSpan.FromMinutes(3);
            registry.TryTake("c", limit);
            Assert.Equal(1, registry.Count);
        }

        [Fact]
        public void Connections_share_a_schedule_exactly_when_service_app_base_uri_endpoint_and_limit_agree()
        {
            Func<string, RateLimit> settings = _ => new RateLimit(50, 1000);
            Func<string, RateLimit> other = _ => new RateLimit(50, 1000);
            var a = new EndpointRateLimiters(settings, "FeishuApproval https://open.feishu.cn/ cli_a");
            var b = new EndpointRateLimiters(other, "FeishuApproval https://open.feishu.cn/ cli_a");
            var c = new EndpointRateLimiters(settings, "FeishuApproval https://open.feishu.cn/ cli_b");

            Assert.Equal(a.KeyFor("POST external_instances"), b.KeyFor("post EXTERNAL_INSTANCES"));
            Assert.NotEqual(a.KeyFor("POST external_instances"), a.KeyFor("POST external_instances/check"));
            Assert.NotEqual(a.KeyFor("POST external_instances"), c.KeyFor("POST external_instances"));
            Assert.NotEqual(a.KeyFor("POST x"), new EndpointRateLimiters(_ => new RateLimit(10, 1000), "FeishuApproval https://open.feishu.cn/ cli_a").KeyFor("POST x"));
        }

        /// <summary>A caller that asks at <paramref name="now"/>, sleeps as told (waking <paramref name="lateness"/> ticks late) until it gets a permit.</summary>
        private static long Take(RateSchedule schedule, long now, long lateness)
        {
            while (!schedule.TryTake(now, out var wait))
            {
                Assert.True(wait > 0);
                now += wait + lateness;
            }
            return now;
        }

        /// <summary>Most slots in any half-open span [t, t + length), two pointers over the sorted slots.</summary>
        private static int MostInAnyWindow(IReadOnlyList<long> slots, long length)
        {
            var most = 0;
            for (int start = 0, end = 0; start < slots.Count; start++)
            {
                while (end < slots.Count && slots[end] < slots[start] + length) end++;
                most = Math.Max(most, end - start);
            }
            return most;
        }

        private static long IdealLastSlot(int n, int perSecond, int perMinute)
        {
            // Full batches of perSecond each second, paused whenever the minute budget is spent.
            var slot = 0L;
            var inMinute = 0;
            var minuteStart = 0L;
            var inSecond = 0;
            for (var i = 0; i < n; i++)
            {
                if (perMinute > 0 && inMinute == perMinute) { minuteStart += 60 * Second; slot = minuteStart; inMinute = 0; inSecond = 0; }
                if (perSecond > 0 && inSecond == perSecond) { slot += Second; inSecond = 0; }
                inMinute++;
                inSecond++;
            }
            return slot;
        }
    }
}
