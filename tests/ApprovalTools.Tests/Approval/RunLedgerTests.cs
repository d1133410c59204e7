using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>The in-run update_time ledger: catches repeats, and stays bounded however long the run.</summary>
    public class RunLedgerTests
    {
        private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_735_700_000_000);

        private static ExternalInstance Instance(string id, long instanceMs, params (string Id, long Ms)[] tasks) => new()
        {
            InstanceId = id,
            UpdateTime = T0.AddMilliseconds(instanceMs),
            TaskList = tasks.Select(t => new ExternalTask { TaskId = t.Id, UpdateTime = T0.AddMilliseconds(t.Ms) }).ToList(),
        };

        [Fact]
        public void Flags_each_entity_whose_update_time_did_not_grow_and_nothing_else()
        {
            var ledger = new RunLedger();
            ledger.Record(Instance("a", 10, ("t1", 10), ("t2", 10)));

            var conflicts = ledger.Conflicts(Instance("a", 20, ("t1", 10), ("t2", 11)));

            Assert.Equal(new[] { "task 't1'" }, conflicts.Select(c => c.Substring(0, c.IndexOf(" has", StringComparison.Ordinal))));
            Assert.Empty(ledger.Conflicts(Instance("b", 1, ("t1", 1))));
            Assert.Single(ledger.Conflicts(Instance("a", 10)));
        }

        [Fact]
        public void Cc_entries_are_checked_like_tasks()
        {
            var ledger = new RunLedger();
            var first = Instance("a", 10);
            first.CcList = new List<ExternalCc> { new() { CcId = "c1", UpdateTime = T0.AddMilliseconds(10) }, new() { CcId = "c2", UpdateTime = T0.AddMilliseconds(10) } };
            ledger.Record(first);

            var again = Instance("a", 20);
            again.CcList = new List<ExternalCc> { new() { CcId = "c1", UpdateTime = T0.AddMilliseconds(10) }, new() { CcId = "c2", UpdateTime = T0.AddMilliseconds(11) } };

            Assert.Equal(new[] { "cc 'c1'" }, ledger.Conflicts(again).Select(c => c.Substring(0, c.IndexOf(" has", StringComparison.Ordinal))));
        }

        [Fact]
        public void Ids_that_only_concatenate_alike_are_different_entities()
        {
            var ledger = new RunLedger();
            ledger.Record(Instance("ab", 10, ("c", 10)));
            Assert.Empty(ledger.Conflicts(Instance("a", 5, ("bc", 5))));
        }

        [Fact]
        public void Stays_bounded_and_still_catches_recent_repeats()
        {
            var ledger = new RunLedger(maxEntries: 1000);
            for (var i = 0; i < 20_000; i++) ledger.Record(Instance("i" + i, 10, ("t", 10)));

            Assert.True(ledger.Count <= 1000, $"ledger holds {ledger.Count} entries");
            Assert.NotEmpty(ledger.Conflicts(Instance("i19999", 10)));
            Assert.NotEmpty(ledger.Conflicts(Instance("i19800", 10, ("t", 10))));
        }

        [Fact]
        public void Every_entity_of_the_newest_half_of_the_bound_is_caught()
        {
            var ledger = new RunLedger(maxEntries: 1000);
            for (var i = 0; i < 20_000; i++) ledger.Record(Instance("i" + i, 10, ("t", 10)));

            for (var i = 20_000 - 250; i < 20_000; i++) Assert.Equal(2, ledger.Conflicts(Instance("i" + i, 10, ("t", 10))).Count);
            Assert.Empty(ledger.Conflicts(Instance("i0", 10, ("t", 10))));
        }

        [Fact]
        public void A_long_run_reuses_its_two_generations_instead_of_allocating_one_per_generation()
        {
            // 1,000 entities per instance: each record fills the newer generation (capacity 1,000, 32 KB of slots).
            var ledger = new RunLedger(maxEntries: 2000);
            var instance = Instance("warm", 10, Enumerable.Range(0, 999).Select(t => ("t" + t, 10L)).ToArray());
            var ids = Enumerable.Range(0, 300).Select(i => "i" + i).ToArray();
            for (var i = 0; i < 3; i++)
            {
                instance.InstanceId = "warm" + i;
                ledger.Record(instance);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var id in ids)
            {
                instance.InstanceId = id;
                ledger.Record(instance);
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated < 300 * 1024, $"300 generations allocated {allocated:N0} bytes (a new 32 KB table each would be 9.6 MB)");
            Assert.Equal(2, ledger.Conflicts(Instance("i299", 10, ("t998", 10), ("t1", 11))).Count);
        }
    }
}
