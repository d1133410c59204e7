using ApprovalTools.Core.Operations;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    public class ThrottledPumpTests
    {
        [Fact]
        public void Keeps_at_most_the_limit_in_flight_and_writes_only_on_the_calling_thread()
        {
            var sink = new RecordingSink();
            var pump = new ThrottledPump(sink, 3);
            var running = 0;
            var peak = 0;

            for (var i = 0; i < 20; i++)
            {
                var n = i;
                pump.Start(async ct =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref peak, now);
                    await Task.Delay(5, ct);
                    Interlocked.Decrement(ref running);
                    pump.Emit(n);
                });
                Assert.True(pump.InFlight <= 3);
            }
            pump.Complete();

            Assert.Equal(Enumerable.Range(0, 20), sink.Emitted.Cast<int>().OrderBy(x => x));
            Assert.True(peak <= 3, $"peak {peak}");
            Assert.False(sink.CalledOffThread);
        }

        [Fact]
        public void Cancellation_surfaces_on_the_calling_thread()
        {
            var sink = new RecordingSink();
            var pump = new ThrottledPump(sink, 1);
            pump.Start(ct => Task.Delay(Timeout.Infinite, ct));
            sink.Stop.CancelAfter(50);

            Assert.ThrowsAny<OperationCanceledException>(() => pump.Complete());
        }

        [Fact]
        public void An_item_cancelled_by_a_stop_stays_unreported()
        {
            var sink = new RecordingSink();
            var pump = new ThrottledPump(sink, 2);
            pump.Start(ct => Task.Delay(Timeout.Infinite, ct), "instance 'held'");
            sink.Stop.Cancel();

            Assert.ThrowsAny<OperationCanceledException>(() => pump.Complete());
            Assert.Equal(new[] { "instance 'held'" }, pump.Unreported);
        }

        [Fact]
        public void Nothing_starts_after_a_stop_even_with_room_under_the_limit()
        {
            var sink = new RecordingSink();
            var pump = new ThrottledPump(sink, 4);
            var started = 0;
            pump.Start(ct => { started++; return Task.CompletedTask; }, "instance 'before'");
            sink.Stop.Cancel();

            Assert.ThrowsAny<OperationCanceledException>(() => pump.Start(ct => { started++; return Task.CompletedTask; }, "instance 'after'"));
            Assert.Equal(1, started);
            Assert.DoesNotContain("instance 'after'", pump.Unreported);
        }

        [Fact]
        public void An_item_whose_messages_a_stop_cut_short_stays_unreported()
        {
            var sink = new RecordingSink();
            var pump = new ThrottledPump(sink, 2);
            // A stopped pipeline refuses records: WriteObject throws, so the item's result is never written.
            pump.Start(ct => { pump.Post(_ => throw new InvalidOperationException("the pipeline was stopped")); return Task.CompletedTask; }, "instance 'cut'");

            Assert.Throws<InvalidOperationException>(() => pump.Drain());
            Assert.Equal(new[] { "instance 'cut'" }, pump.Unreported);
        }

        [Fact]
        public void An_item_whose_result_was_written_is_not_unreported_although_not_yet_reaped()
        {
            var sink = new RecordingSink();
            var pump = new ThrottledPump(sink, 2);
            var release = new TaskCompletionSource();
            pump.Start(async ct => { await release.Task; pump.Emit("slow"); }, "instance 'slow'");
            pump.Start(ct => { pump.Emit("quick"); return Task.CompletedTask; }, "instance 'quick'");

            // Drains as the pipeline thread does between items; the finished item leaves the list once its result is written.
            var settled = SpinWait.SpinUntil(() => { pump.Drain(); return sink.Emitted.Contains("quick") && pump.Unreported.Count == 1; }, TimeSpan.FromSeconds(30));
            Assert.True(settled, string.Join(", ", pump.Unreported));
            Assert.Equal(new[] { "instance 'slow'" }, pump.Unreported);
            release.SetResult();
            pump.Complete();
            Assert.Empty(pump.Unreported);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
        }
    }
}
