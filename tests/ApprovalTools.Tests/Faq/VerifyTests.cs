using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Faq
{
    using Map = Dictionary<string, object?>;

    /// <summary>Sync-ExternalInstance -Verify: the server's silent skip of a stale UPDATE shows up as NotApplied.</summary>
    public sealed class VerifyTests : FaqTestBase
    {
        private RecordingSink SyncVerified(UpdateMode mode, int batchSize, params object?[] items)
        {
            var sink = new RecordingSink();
            var op = new SyncExternalInstanceOperation(Connection, sink, new SyncExternalInstanceOptions { Mode = mode, Verify = true, VerifyBatchSize = batchSize });
            foreach (var item in items) op.Process(item);
            op.Complete();
            Assert.False(sink.CalledOffThread);
            return sink;
        }

        [Fact]
        public void A_stale_update_time_is_accepted_by_the_server_but_reported_NotApplied_with_a_warning()
        {
            Seed(Instance("i1", T + 10));

            var sink = SyncVerified(UpdateMode.Update, 50, Instance("i1", T + 5, status: "APPROVED"));

            var result = Only(sink);
            Assert.Equal(VerifyState.NotApplied, result.Verified);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T + 10), result.ServerUpdateTime);
            Assert.Equal(DiffReason.TaskStale, result.VerifyDiff!.Reason);
            var warning = Assert.Single(sink.Warnings);
            Assert.Contains("'i1'", warning);
            Assert.Contains(Ms(T + 10), warning);
            Assert.Contains("UPDATE", warning);
            Assert.Equal("PENDING", Server.Instance("i1")!.Status);
            Assert.Equal(1, CheckCalls);
        }

        [Fact]
        public void A_stale_instance_with_fresh_tasks_is_NotApplied_as_InstanceStale()
        {
            Seed(Instance("i1", T + 10, new object?[] { Task("t1", T) }));

            var result = Only(SyncVerified(UpdateMode.Update, 50, Instance("i1", T + 5, new object?[] { Task("t1", T + 20, "APPROVED") })));

            Assert.Equal(VerifyState.NotApplied, result.Verified);
            Assert.Equal(DiffReason.InstanceStale, result.VerifyDiff!.Reason);
            Assert.Equal("APPROVED", Server.Instance("i1")!.Task("t1")!.Status);
        }

        [Fact]
        public void Applied_updates_and_replaces_are_Applied_without_warnings()
        {
            Seed(Instance("i1", T));

            var update = SyncVerified(UpdateMode.Update, 50, Instance("i1", T + 10, new object?[] { Task("i1-t1", T + 10, "APPROVED") }, status: "APPROVED"));
            Assert.Equal(VerifyState.Applied, Only(update).Verified);
            Assert.Empty(update.Warnings);

            var replace = SyncVerified(UpdateMode.Replace, 50, Instance("i1", T + 5));
            Assert.Equal(VerifyState.Applied, Only(replace).Verified);
            Assert.Null(Only(replace).ServerUpdateTime);
        }

        [Fact]
        public void Without_Verify_nothing_is_checked()
        {
            var result = Only(Sync(UpdateMode.Update, Instance("i1", T)));

            Assert.Equal(VerifyState.NotVerified, result.Verified);
            Assert.Equal(0, CheckCalls);
        }

        [Fact]
        public void Verification_runs_in_batches_and_every_instance_gets_one_result()
        {
            Seed(Instance("s2", T + 100));
            var items = Enumerable.Range(0, 5).Select(i => (object?)Instance("s" + i, T + 10)).ToArray();

            var sink = SyncVerified(UpdateMode.Update, 2, items);

            var results = sink.EmittedOf<SyncResult>().ToDictionary(r => r.InstanceId);
            Assert.Equal(5, results.Count);
            Assert.Empty(sink.Errors);
            Assert.Equal(3, CheckCalls);
            Assert.Equal(VerifyState.NotApplied, results["s2"].Verified);
            Assert.All(results.Values.Where(r => r.InstanceId != "s2"), r => Assert.Equal(VerifyState.Applied, r.Verified));
        }

        [Fact]
        public void An_instance_sent_twice_is_judged_by_its_last_send()
        {
            var first = Instance("i1", T);
            var second = Instance("i1", T + 10, new object?[] { Task("i1-t1", T + 10, "APPROVED") });

            var results = SyncVerified(UpdateMode.Update, 50, first, second).EmittedOf<SyncResult>().OrderBy(r => r.UpdateTime).ToList();

            Assert.Equal(new[] { VerifyState.Superseded, VerifyState.Applied }, results.Select(r => r.Verified));
        }

        [Fact]
        public void A_failed_check_keeps_the_sync_result_as_Unknown_with_a_warning()
        {
            Seed(Instance("i1", T));
            var sink = new RecordingSink();
            var op = new SyncExternalInstanceOperation(Connection, sink, new SyncExternalInstanceOptions { Verify = true });
            op.Process(Instance("i1", T + 1, new object?[] { Task("i1-t1", T + 1) }));
            // Once the server has stored the create, every later call (the check Complete flushes) fails.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Server.Instance("i1")!.UpdateTime != T + 1 && DateTime.UtcNow < deadline) Thread.Sleep(10);
            Sandbox.Server.Faults("approval").FailNext(100);
            op.Complete();
            Sandbox.Server.Faults("approval").Clear();

            var result = Only(sink);
            Assert.Equal(VerifyState.Unknown, result.Verified);
            Assert.Contains("verifying it failed", Assert.Single(sink.Warnings));
            Assert.Equal(T + 1, Server.Instance("i1")!.UpdateTime);
        }
    }
}
