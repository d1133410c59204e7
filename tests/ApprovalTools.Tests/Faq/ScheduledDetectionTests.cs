using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Faq
{
    using Map = Dictionary<string, object?>;

    /// <summary>
    /// FAQ question 3: the flow examples/Sync-Unsynced.ps1 runs (checkpoint file -> changed items -> Test -> Sync -Mode
    /// Update -Verify -> checkpoint only on success), driven through the same Core operations against the sandbox.
    /// </summary>
    public sealed class ScheduledDetectionTests : FaqTestBase, IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("approvaltools-faq-").FullName;
        private string StatePath => Path.Combine(_dir, "state.json");
        private string SourcePath => Path.Combine(_dir, "source.json");

        private sealed record Summary(int Checked, int OutOfSync, int Resynced, int Failed, DateTimeOffset Since, DateTimeOffset Until, bool StateUpdated);

        /// <summary>What the script does, step for step.</summary>
        private Summary Run(TimeSpan? overlap = null, bool ignoreState = false)
        {
            var until = DateTimeOffset.UtcNow;
            var since = DateTimeOffset.FromUnixTimeMilliseconds(0);
            if (!ignoreState && File.Exists(StatePath))
                since = DateTimeOffset.FromUnixTimeMilliseconds(JsonNode.Parse(File.ReadAllText(StatePath))!["LastRunUntilMs"]!.GetValue<long>());
            var threshold = Math.Max(0, since.ToUnixTimeMilliseconds() - (long)(overlap ?? TimeSpan.FromMinutes(1)).TotalMilliseconds);

            using var doc = JsonDocument.Parse(File.ReadAllText(SourcePath));
            var items = doc.RootElement.EnumerateArray()
                .Where(e => long.Parse(e.GetProperty("update_time").GetString()!, CultureInfo.InvariantCulture) > threshold)
                .Select(e => (object?)e.Clone()).ToList();

            var testSink = new RecordingSink();
            var test = new TestExternalInstanceOperation(Connection, testSink, new TestExternalInstanceOptions { BatchSize = 50 });
            foreach (var item in items) test.Process(item);
            test.Complete();
            var diffs = testSink.EmittedOf<ExternalInstanceDiff>().ToList();

            var syncSink = new RecordingSink();
            var sync = new SyncExternalInstanceOperation(Connection, syncSink, new SyncExternalInstanceOptions { Mode = UpdateMode.Update, Verify = true });
            foreach (var diff in diffs) sync.Process(diff);
            sync.Complete();
            var results = syncSink.EmittedOf<SyncResult>().ToList();

            var notApplied = results.Count(r => r.Verified == VerifyState.NotApplied);
            var failed = testSink.Errors.Count + syncSink.Errors.Count + notApplied;
            if (failed == 0)
            {
                File.WriteAllText(StatePath + ".tmp", new JsonObject { ["LastRunUntil"] = until.ToString("o"), ["LastRunUntilMs"] = until.ToUnixTimeMilliseconds() }.ToJsonString());
                File.Move(StatePath + ".tmp", StatePath, overwrite: true);
            }
            return new Summary(items.Count, diffs.Count, results.Count - notApplied, failed, since, until, failed == 0);
        }

        private void WriteSource(params Map[] instances) =>
            File.WriteAllText(SourcePath, JsonSerializer.Serialize(instances));

        [Fact]
        public void The_first_run_resyncs_what_the_server_lacks_or_has_stale_and_the_second_finds_nothing()
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
            Seed(Instance("same", now), Instance("changed", now));
            WriteSource(Instance("same", now), Instance("changed", now + 10, new object?[] { Task("changed-t1", now + 10, "APPROVED") }, status: "APPROVED"),
                Instance("missing", now + 5));

            var first = Run();

            Assert.Equal((3, 2, 2, 0, true), (first.Checked, first.OutOfSync, first.Resynced, first.Failed, first.StateUpdated));
            Assert.Equal(0, first.Since.ToUnixTimeMilliseconds());
            Assert.Equal("APPROVED", Server.Instance("changed")!.Status);
            Assert.Equal(now + 10, Server.Instance("changed")!.UpdateTime);
            Assert.NotNull(Server.Instance("missing"));
            Assert.True(File.Exists(StatePath));
            var createsAfterFirst = CreateCalls;

            // Even when the checkpoint is lost (a crash before it was written), a repeat changes nothing.
            var repeat = Run(ignoreState: true);
            Assert.Equal((3, 0, 0, 0), (repeat.Checked, repeat.OutOfSync, repeat.Resynced, repeat.Failed));
            Assert.Equal(createsAfterFirst, CreateCalls);

            // With the checkpoint, the next run only looks at what changed since the last one.
            var second = Run(overlap: TimeSpan.Zero);
            Assert.Equal((0, 0, 0, 0, true), (second.Checked, second.OutOfSync, second.Resynced, second.Failed, second.StateUpdated));
            Assert.Equal(repeat.Until.ToUnixTimeMilliseconds(), second.Since.ToUnixTimeMilliseconds());
        }

        [Fact]
        public void A_change_after_the_checkpoint_is_picked_up_by_the_next_run()
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
            WriteSource(Instance("a", now), Instance("b", now));
            Assert.Equal(2, Run().Resynced);

            var later = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 5_000;
            WriteSource(Instance("a", now), Instance("b", later, new object?[] { Task("b-t1", later, "APPROVED") }));
            var next = Run(overlap: TimeSpan.Zero);

            Assert.Equal((1, 1, 1, 0), (next.Checked, next.OutOfSync, next.Resynced, next.Failed));
            Assert.Equal("APPROVED", Server.Instance("b")!.Task("b-t1")!.Status);
        }

        [Fact]
        public void A_failed_run_keeps_the_old_checkpoint_so_the_next_run_retries()
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
            WriteSource(Instance("a", now));
            _ = Connection;                                              // token fetched before the faults start
            Sandbox.Server.Faults("approval").FailNext(1000);

            var failed = Run();

            Sandbox.Server.Faults("approval").Clear();
            Assert.True(failed.Failed > 0);
            Assert.False(failed.StateUpdated);
            Assert.False(File.Exists(StatePath));
            var retry = Run();
            Assert.Equal((1, 1, 1, 0, true), (retry.Checked, retry.OutOfSync, retry.Resynced, retry.Failed, retry.StateUpdated));
        }

        [Fact]
        public void A_resync_the_server_ignores_counts_as_failed_not_as_resynced()
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
            Seed(Instance("a", now + 100));
            // The source is behind the server: Test reports it, the UPDATE is ignored, -Verify says so.
            WriteSource(Instance("a", now));

            var run = Run();

            Assert.Equal((1, 1, 0, 1, false), (run.Checked, run.OutOfSync, run.Resynced, run.Failed, run.StateUpdated));
        }

        public new void Dispose()
        {
            base.Dispose();
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        }
    }
}
