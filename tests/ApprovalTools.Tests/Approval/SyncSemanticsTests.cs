using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>Seed 000's UPDATE and REPLACE rules, end to end: operation -> HTTP -> sandbox state.</summary>
    public sealed class SyncSemanticsTests : ApprovalTestBase
    {
        [Fact]
        public void Update_of_a_new_instance_inserts_it_with_its_tasks_and_cc_and_reports_the_counts()
        {
            var result = Only(Sync(UpdateMode.Update, Instance("i1", T, new object?[] { Task("t1", T), Task("t2", T) }, new object?[] { Cc("c1", T) })));

            var stored = Server.Instance("i1")!;
            Assert.Equal(new[] { "t1", "t2" }, stored.Tasks.Select(t => t.Id));
            Assert.Equal("c1", Assert.Single(stored.Ccs).Id);
            Assert.Equal(UpdateMode.Update, result.Mode);
            Assert.Equal("i1", result.InstanceId);
            Assert.Equal(InstanceStatus.Pending, result.Status);
            Assert.Equal((2, 1), (result.TaskCount, result.CcCount));
            Assert.Equal(T, UnixMs.ToMs(result.UpdateTime));
            Assert.Equal("APPROVAL-1", result.ApprovalCode);
            Assert.Equal(1, result.ProcessRecord!.Instance!.Inserted);
            Assert.Equal(2, result.ProcessRecord.Task!.Inserted);
            Assert.Equal(1, result.ProcessRecord.Cc!.Inserted);
            Assert.Equal("i1", result.Echo!.InstanceId);
            Assert.StartsWith("sandbox", result.LogId);
            var sent = Sandbox.Server.Journal.Single(r => r.Path == ApprovalTools.Sandbox.Approval.ApprovalService.CreatePath).Json()!;
            Assert.Equal("UPDATE", sent["update_mode"]!.GetValue<string>());
            Assert.Equal(Ms(T), sent["start_time"]!.GetValue<string>());
        }

        [Fact]
        public void Update_applies_the_instance_only_when_its_update_time_grew()
        {
            Seed(Instance("i1", T));

            Sync(UpdateMode.Update, Instance("i1", T + 10, status: "APPROVED"));
            Assert.Equal("APPROVED", Server.Instance("i1")!.Status);
            Assert.Equal(T + 10, Server.Instance("i1")!.UpdateTime);

            var older = Only(Sync(UpdateMode.Update, Instance("i1", T + 5, status: "REJECTED")));
            Assert.Equal("APPROVED", Server.Instance("i1")!.Status);
            Assert.Equal(0, older.ProcessRecord!.Instance!.Updated);
        }

        [Fact]
        public void Update_with_an_equal_update_time_is_stale_and_ignored()
        {
            Seed(Instance("i1", T));

            var result = Only(Sync(UpdateMode.Update, Instance("i1", T, status: "APPROVED")));

            Assert.Equal("PENDING", Server.Instance("i1")!.Status);
            Assert.Equal(0, result.ProcessRecord!.Instance!.Updated);
        }

        [Fact]
        public void Update_judges_each_task_and_cc_by_its_own_update_time()
        {
            Seed(Instance("i1", T, new object?[] { Task("t1", T), Task("t2", T) }, new object?[] { Cc("c1", T), Cc("c2", T) }));

            // The instance is stale, t1 and c1 grew, t2 and c2 did not.
            var result = Only(Sync(UpdateMode.Update, Instance("i1", T,
                new object?[] { Task("t1", T + 1, "APPROVED"), Task("t2", T, "REJECTED") },
                new object?[] { Cc("c1", T + 1, "READ"), Cc("c2", T, "READ") }, status: "APPROVED")));

            var stored = Server.Instance("i1")!;
            Assert.Equal("PENDING", stored.Status);
            Assert.Equal("APPROVED", stored.Task("t1")!.Status);
            Assert.Equal("PENDING", stored.Task("t2")!.Status);
            Assert.Equal("READ", stored.Cc("c1")!["read_status"]);
            Assert.Equal("UNREAD", stored.Cc("c2")!["read_status"]);
            Assert.Equal(1, result.ProcessRecord!.Task!.Updated);
            Assert.Equal(1, result.ProcessRecord.Cc!.Updated);
        }

        [Fact]
        public void Update_never_deletes_tasks_or_cc_missing_from_the_request_and_adds_new_ones()
        {
            Seed(Instance("i1", T, new object?[] { Task("t1", T), Task("t2", T) }, new object?[] { Cc("c1", T) }));

            var result = Only(Sync(UpdateMode.Update, Instance("i1", T + 1, new object?[] { Task("t3", T + 1) })));

            Assert.Equal(new[] { "t1", "t2", "t3" }, Server.Instance("i1")!.Tasks.Select(t => t.Id).OrderBy(x => x));
            Assert.Single(Server.Instance("i1")!.Ccs);
            Assert.Equal(0, result.ProcessRecord!.Task!.Deleted);
            Assert.Equal(1, result.ProcessRecord.Task.Inserted);
        }

        [Fact]
        public void Update_keeps_the_fields_the_FAQ_says_cannot_change()
        {
            Seed(Instance("i1", T, new object?[] { Task("t1", T) }, new object?[] { Cc("c1", T) }));
            var changed = Instance("i1", T + 1, new object?[] { Task("t1", T + 1, "APPROVED", user: "someone-else") }, new object?[] { Cc("c1", T + 1, "READ", user: "other-watcher") });
            changed["approval_code"] = "OTHER-APPROVAL";
            changed["department_id"] = "dept-2";
            ((Dictionary<string, object?>)((List<object?>)changed["task_list"]!)[0]!)["node_id"] = "node-2";
            ((Dictionary<string, object?>)((List<object?>)changed["task_list"]!)[0]!)["create_time"] = Ms(T + 1);

            Only(Sync(UpdateMode.Update, changed));

            var stored = Server.Instance("i1")!;
            Assert.Equal("APPROVAL-1", stored.ApprovalCode);
            Assert.Equal("APPROVAL-1", stored["approval_code"]);
            Assert.Equal("dept-1", stored["department_id"]);
            var task = stored.Task("t1")!;
            Assert.Equal("APPROVED", task.Status);
            Assert.Equal("approver-1", task.UserId);
            Assert.Equal("node-1", task["node_id"]);
            Assert.Equal(Ms(T), task["create_time"]);
            Assert.Equal("READ", stored.Cc("c1")!["read_status"]);
            Assert.Equal("watcher-1", stored.Cc("c1")!.UserId);
        }

        [Fact]
        public void Replace_makes_the_instance_exactly_the_request_and_deletes_absent_tasks_and_cc()
        {
            Seed(Instance("i1", T, new object?[] { Task("t1", T), Task("t2", T) }, new object?[] { Cc("c1", T) }));

            var result = Only(Sync(UpdateMode.Replace, Instance("i1", T + 1, new object?[] { Task("t2", T + 1, "APPROVED"), Task("t3", T + 1) })));

            var stored = Server.Instance("i1")!;
            Assert.Equal(new[] { "t2", "t3" }, stored.Tasks.Select(t => t.Id));
            Assert.Empty(stored.Ccs);
            Assert.Equal("APPROVED", stored.Task("t2")!.Status);
            Assert.Equal(UpdateMode.Replace, result.Mode);
            Assert.Equal(1, result.ProcessRecord!.Task!.Deleted);
            Assert.Equal(1, result.ProcessRecord.Task.Updated);
            Assert.Equal(1, result.ProcessRecord.Task.Inserted);
            Assert.Equal(1, result.ProcessRecord.Cc!.Deleted);
        }

        [Fact]
        public void Replace_ignores_update_time_and_may_change_all_but_approval_code_and_instance_id()
        {
            Seed(Instance("i1", T + 100));
            var older = Instance("i1", T, new object?[] { Task("i1-t1", T, "APPROVED", user: "new-approver") }, status: "REJECTED");
            older["department_id"] = "dept-9";
            older["approval_code"] = "OTHER-APPROVAL";

            Only(Sync(UpdateMode.Replace, older));

            var stored = Server.Instance("i1")!;
            Assert.Equal("REJECTED", stored.Status);
            Assert.Equal(T, stored.UpdateTime);
            Assert.Equal("dept-9", stored["department_id"]);
            Assert.Equal("new-approver", stored.Task("i1-t1")!.UserId);
            Assert.Equal("APPROVAL-1", stored.ApprovalCode);
        }

        [Fact]
        public void The_FAQ_purge_recipe_replace_approved_without_a_user_is_accepted()
        {
            Seed(Instance("i1", T));
            var purge = Instance("i1", T + 1, Array.Empty<object?>(), status: "APPROVED");
            purge.Remove("user_id");

            Only(Sync(UpdateMode.Replace, purge));

            Assert.Equal("APPROVED", Server.Instance("i1")!.Status);
            Assert.Null(Server.Instance("i1")!["user_id"]);
            Assert.Empty(Server.Instance("i1")!.Tasks);
        }

        [Fact]
        public void A_repeated_update_time_within_one_run_is_flagged_not_sent()
        {
            var first = Instance("i1", T + 1);
            var again = Instance("i1", T + 1, status: "APPROVED");

            var sink = Sync(UpdateMode.Update, first, again);

            Assert.Single(sink.EmittedOf<SyncResult>());
            var error = Assert.Single(sink.Errors);
            Assert.Equal("UpdateTimeNotIncreasing", error.ErrorId);
            Assert.Same(again, error.Target);
            Assert.Contains("instance 'i1' has update_time " + (T + 1), error.Message);
            Assert.Contains("not greater than " + (T + 1), error.Message);
            Assert.Equal(1, CreateCalls);
        }

        [Fact]
        public void A_task_whose_update_time_did_not_grow_within_the_run_is_named()
        {
            var first = Instance("i1", T + 1, new object?[] { Task("t1", T + 5) });
            var second = Instance("i1", T + 2, new object?[] { Task("t1", T + 4, "APPROVED") });

            var sink = Sync(UpdateMode.Update, first, second);

            var error = Assert.Single(sink.Errors);
            Assert.Contains("task 't1' has update_time " + (T + 4), error.Message);
            Assert.DoesNotContain("instance 'i1' has", error.Message);
            Assert.Equal(1, CreateCalls);
        }

        [Fact]
        public void A_cc_whose_update_time_did_not_grow_within_the_run_is_named()
        {
            var first = Instance("i1", T + 1, new object?[] { Task("t1", T + 1) }, new object?[] { Cc("c1", T + 5) });
            var second = Instance("i1", T + 2, new object?[] { Task("t1", T + 2) }, new object?[] { Cc("c1", T + 5, "READ") });

            var sink = Sync(UpdateMode.Update, first, second);

            var error = Assert.Single(sink.Errors);
            Assert.Contains("cc 'c1' has update_time " + (T + 5), error.Message);
            Assert.DoesNotContain("task 't1' has", error.Message);
            Assert.Equal(1, CreateCalls);
        }

        [Fact]
        public void Growing_updates_of_one_instance_in_one_run_are_all_sent_in_order()
        {
            var items = Enumerable.Range(1, 6).Select(n => (object?)Instance("i1", T + n, new object?[] { Task("t1", T + n, n == 6 ? "APPROVED" : "PENDING") })).ToArray();

            var sink = Sync(UpdateMode.Update, items);

            Assert.Equal(6, sink.EmittedOf<SyncResult>().Count());
            Assert.Empty(sink.Errors);
            Assert.Equal(T + 6, Server.Instance("i1")!.UpdateTime);
            Assert.Equal(6, sink.ProgressRecords.Count(p => !p.Completed));
            Assert.True(sink.ProgressRecords.Last().Completed);
            Assert.Equal("APPROVED", Server.Instance("i1")!.Task("t1")!.Status);
            Assert.False(sink.CalledOffThread);
        }

        [Fact]
        public void Replace_mode_does_not_track_update_times_within_the_run()
        {
            var sink = Sync(UpdateMode.Replace, Instance("i1", T), Instance("i1", T, status: "APPROVED"));

            Assert.Equal(2, sink.EmittedOf<SyncResult>().Count());
            Assert.Equal("APPROVED", Server.Instance("i1")!.Status);
        }

        [Fact]
        public void WhatIf_sends_nothing_and_writes_nothing()
        {
            var sink = new Support.RecordingSink { ProcessAnswer = _ => false };

            Sync(sink, UpdateMode.Update, Instance("i1", T), Instance("i2", T));

            Assert.Equal(2, sink.ShouldProcessCalls.Count);
            Assert.Contains("'i1'", sink.ShouldProcessCalls[0].Target);
            Assert.Empty(sink.Emitted);
            Assert.Empty(sink.Errors);
            Assert.Equal(0, CreateCalls);
            Assert.Null(Server.Instance("i1"));
        }

        [Fact]
        public void Replace_asks_before_each_instance_and_a_no_sends_nothing()
        {
            var sink = new Support.RecordingSink { ContinueAnswer = target => target.Contains("'i2'") };

            Sync(sink, UpdateMode.Replace, Instance("i1", T), Instance("i2", T));

            Assert.Equal(2, sink.ShouldContinueCalls.Count);
            Assert.Matches("deletes every task except [^ ]+ and ALL cc entries it has on the server", sink.ShouldContinueCalls[0].Query);
            Assert.Null(Server.Instance("i1"));
            Assert.NotNull(Server.Instance("i2"));
            Assert.Equal(1, CreateCalls);
            Assert.Single(sink.EmittedOf<SyncResult>());
            Assert.Empty(sink.Errors);
        }

        [Fact]
        public void Update_does_not_ask_the_second_question()
        {
            var sink = Sync(UpdateMode.Update, Instance("i1", T));

            Assert.Empty(sink.ShouldContinueCalls);
            Assert.Single(sink.ShouldProcessCalls);
        }
    }
}
