using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    using Map = Dictionary<string, object?>;

    /// <summary>Test-ExternalInstance against the sandbox's 4-step check, and the Test -> Sync pipe.</summary>
    public sealed class CheckTests : ApprovalTestBase
    {
        private static Map IdOnly(string id, long updateTime, params (string Id, long Time)[] tasks) => new()
        {
            ["instance_id"] = id,
            ["update_time"] = Ms(updateTime),
            ["tasks"] = tasks.Select(t => (object?)new Map { ["task_id"] = t.Id, ["update_time"] = Ms(t.Time) }).ToList(),
        };

        [Fact]
        public void In_sync_instances_write_nothing()
        {
            Seed(Instance("i1", T, new object?[] { Task("t1", T) }));

            var sink = Test(50, Instance("i1", T, new object?[] { Task("t1", T) }));

            Assert.Empty(sink.Emitted);
            Assert.Empty(sink.Errors);
            Assert.Equal(1, CheckCalls);
        }

        [Fact]
        public void A_missing_instance_is_InstanceMissing_without_tasks()
        {
            var input = Instance("nope", T, new object?[] { Task("t1", T) });

            var diff = Assert.Single(Test(50, input).EmittedOf<ExternalInstanceDiff>());

            Assert.Equal("nope", diff.InstanceId);
            Assert.Equal(DiffReason.InstanceMissing, diff.Reason);
            Assert.Null(diff.ServerUpdateTime);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T), diff.LocalUpdateTime);
            Assert.Empty(diff.Tasks);
            Assert.Same(input, diff.InputObject);
            Assert.True(diff.CanResync);
        }

        [Fact]
        public void A_task_the_server_lacks_is_TaskMissing_with_the_server_instance_time()
        {
            Seed(Instance("i1", T, new object?[] { Task("t1", T) }));

            var diff = Assert.Single(Test(50, IdOnly("i1", T + 5, ("t1", T), ("t2", T + 5))).EmittedOf<ExternalInstanceDiff>());

            Assert.Equal(DiffReason.TaskMissing, diff.Reason);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T), diff.ServerUpdateTime);
            var task = Assert.Single(diff.Tasks);
            Assert.Equal("t2", task.TaskId);
            Assert.Equal(DiffReason.TaskMissing, task.Reason);
            Assert.Null(task.ServerUpdateTime);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T + 5), task.LocalUpdateTime);
            Assert.False(diff.CanResync);
        }

        [Fact]
        public void A_task_with_another_update_time_is_TaskStale_with_both_times()
        {
            Seed(Instance("i1", T, new object?[] { Task("t1", T), Task("t2", T) }));

            var diff = Assert.Single(Test(50, IdOnly("i1", T, ("t1", T), ("t2", T + 7))).EmittedOf<ExternalInstanceDiff>());

            Assert.Equal(DiffReason.TaskStale, diff.Reason);
            var task = Assert.Single(diff.Tasks);
            Assert.Equal("t2", task.TaskId);
            Assert.Equal(DiffReason.TaskStale, task.Reason);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T), task.ServerUpdateTime);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T + 7), task.LocalUpdateTime);
        }

        [Fact]
        public void Matching_tasks_but_another_instance_time_is_InstanceStale_without_tasks()
        {
            Seed(Instance("i1", T, new object?[] { Task("t1", T) }));

            var diff = Assert.Single(Test(50, IdOnly("i1", T + 3, ("t1", T))).EmittedOf<ExternalInstanceDiff>());

            Assert.Equal(DiffReason.InstanceStale, diff.Reason);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T), diff.ServerUpdateTime);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T + 3), diff.LocalUpdateTime);
            Assert.Empty(diff.Tasks);
        }

        [Fact]
        public void Inputs_are_batched_into_check_calls_of_BatchSize()
        {
            Seed(Instance("i1", T));
            var items = Enumerable.Range(1, 5).Select(n => (object?)IdOnly("i" + n, T, ("i" + n + "-t1", T))).ToArray();

            var sink = Test(2, items);

            Assert.Equal(3, CheckCalls);
            Assert.Equal(new[] { "i2", "i3", "i4", "i5" }, sink.EmittedOf<ExternalInstanceDiff>().Select(d => d.InstanceId).OrderBy(x => x));
            var sizes = Sandbox.Server.Journal.Where(r => r.Path == ApprovalTools.Sandbox.Approval.ApprovalService.CheckPath)
                .Select(r => r.Json()!["instances"]!.AsArray().Count).OrderBy(x => x);
            Assert.Equal(new[] { 1, 2, 2 }, sizes);
            Assert.Equal(100, sink.ProgressRecords.Last().PercentComplete);
            Assert.True(sink.ProgressRecords.Last().Completed);
        }

        [Fact]
        public void The_same_instance_twice_goes_into_separate_calls_so_each_diff_maps_to_one_input()
        {
            var first = IdOnly("x", T);
            var second = IdOnly("x", T + 1);

            var diffs = Test(50, first, second).EmittedOf<ExternalInstanceDiff>().ToList();

            Assert.Equal(2, CheckCalls);
            Assert.Equal(2, diffs.Count);
            Assert.Contains(diffs, d => ReferenceEquals(d.InputObject, first));
            Assert.Contains(diffs, d => ReferenceEquals(d.InputObject, second));
        }

        [Fact]
        public void A_record_without_what_check_needs_is_an_error_and_not_sent()
        {
            var noTime = new Map { ["instance_id"] = "i1", ["tasks"] = new List<object?>() };
            var taskWithoutTime = new Map { ["instance_id"] = "i2", ["update_time"] = Ms(T), ["tasks"] = new List<object?> { new Map { ["task_id"] = "t" } } };

            var sink = Test(50, noTime, taskWithoutTime);

            Assert.Equal(2, sink.Errors.Count);
            Assert.Contains("update_time: required", sink.Errors[0].Message);
            Assert.Contains("task_list[0].update_time: required to check a task", sink.Errors[1].Message);
            Assert.Equal(0, CheckCalls);
        }

        [Fact]
        public void A_failed_check_call_is_one_error_per_input_item()
        {
            _ = Connection;
            Sandbox.Server.Faults("approval").FailNext(10);
            var a = IdOnly("a", T);
            var b = IdOnly("b", T);

            var sink = Test(50, a, b);

            Assert.Empty(sink.Emitted);
            Assert.Equal(new object[] { a, b }, sink.Errors.Select(e => e.Target).ToArray());
            Assert.All(sink.Errors, e => Assert.Equal("ServiceTryLater", e.ErrorId));
            Assert.All(sink.Errors, e => Assert.Contains("code 2200", e.Message));
        }

        [Fact]
        public void Test_piped_into_Sync_resyncs_exactly_the_out_of_sync_instances()
        {
            // Server: i1 in sync, i2 with an old task, i3 with an old instance time, i4 missing.
            Seed(Instance("i1", T, new object?[] { Task("i1-t1", T) }),
                 Instance("i2", T, new object?[] { Task("i2-t1", T) }),
                 Instance("i3", T, new object?[] { Task("i3-t1", T) }));
            var recent = new object?[]
            {
                Instance("i1", T, new object?[] { Task("i1-t1", T) }),
                Instance("i2", T, new object?[] { Task("i2-t1", T + 1, "APPROVED") }),
                Instance("i3", T + 1, new object?[] { Task("i3-t1", T) }, status: "APPROVED"),
                Instance("i4", T, new object?[] { Task("i4-t1", T) }),
            };

            var diffs = Test(50, recent).Emitted.ToArray();
            var synced = Sync(UpdateMode.Update, diffs);

            Assert.Equal(new[] { "i2", "i3", "i4" }, synced.EmittedOf<SyncResult>().Select(r => r.InstanceId).OrderBy(x => x));
            Assert.Empty(synced.Errors);
            var sentIds = Sandbox.Server.Journal.Where(r => r.Path == ApprovalTools.Sandbox.Approval.ApprovalService.CreatePath)
                .Select(r => r.Json()!["instance_id"]!.GetValue<string>()).OrderBy(x => x);
            Assert.Equal(new[] { "i2", "i3", "i4" }, sentIds);
            Assert.Equal("APPROVED", Server.Instance("i2")!.Task("i2-t1")!.Status);
            Assert.Equal("APPROVED", Server.Instance("i3")!.Status);
            Assert.NotNull(Server.Instance("i4"));
            Assert.Empty(Test(50, recent).Emitted);
        }

        [Fact]
        public void A_diff_of_an_id_only_record_cannot_be_resynced_and_says_why()
        {
            var diffs = Test(50, IdOnly("ghost", T)).Emitted.ToArray();

            var sink = Sync(UpdateMode.Update, diffs);

            var error = Assert.Single(sink.Errors);
            Assert.Equal("ExternalInstanceDiffNotResyncable", error.ErrorId);
            Assert.Contains("'ghost'", error.Message);
            Assert.Contains("Pipe the full instances", error.Message);
            Assert.Same(diffs[0], error.Target);
            Assert.Equal(0, CreateCalls);
        }

        [Fact]
        public void Batch_size_above_the_maximum_is_refused_up_front()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() =>
                new TestExternalInstanceOperation(Connection, new Support.RecordingSink(), new TestExternalInstanceOptions { BatchSize = 101 }));
        }
    }
}
