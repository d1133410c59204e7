using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Sandbox.Approval;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Faq
{
    /// <summary>FAQ question 4 end to end: Get-ApprovalTask output -> Clear-ExternalInstance -> the tasks are gone.</summary>
    public sealed class ClearTests : FaqTestBase
    {
        private void SeedTwoInstancesOfBob()
        {
            var i1 = InstanceFor("i1", T, "alice", ("i1-t1", "bob", "PENDING"), ("i1-t2", "bob", "PENDING"), ("i1-t3", "carol", "PENDING"));
            i1["cc_list"] = new List<object?> { Cc("i1-c1", T, "UNREAD", "dave") };
            Seed(i1, InstanceFor("i2", T, "alice", ("i2-t1", "bob", "PENDING")), InstanceFor("keep", T, "alice", ("keep-t1", "carol", "PENDING")));
        }

        [Fact]
        public void Clearing_from_the_task_query_sends_one_purge_per_instance_and_the_tasks_vanish_for_everyone()
        {
            SeedTwoInstancesOfBob();
            var todo = Tasks("bob");
            Assert.Equal(3, todo.Count);
            Sandbox.Server.ClearJournal();

            var sink = Clear(todo);

            Assert.Empty(sink.Errors);
            var results = sink.EmittedOf<SyncResult>().OrderBy(r => r.InstanceId).ToList();
            Assert.Equal(new[] { "i1", "i2" }, results.Select(r => r.InstanceId));
            Assert.All(results, r => Assert.Equal((UpdateMode.Replace, InstanceStatus.Approved, "APPROVAL-1"), (r.Mode, r.Status, r.ApprovalCode)));
            Assert.Equal(3, results[0].ProcessRecord!.Task!.Deleted);
            Assert.Equal(1, results[0].ProcessRecord!.Cc!.Deleted);
            Assert.Equal(2, CreateCalls);
            Assert.Contains(sink.VerboseLines, l => l.Contains("already cleared in this run"));

            var body = Sandbox.Server.Journal.First(r => r.Path == ApprovalService.CreatePath).Json()!.AsObject();
            Assert.Equal("REPLACE", (string?)body["update_mode"]);
            Assert.Equal("APPROVED", (string?)body["status"]);
            Assert.False(body.ContainsKey("user_id"));
            Assert.False(body.ContainsKey("open_id"));
            Assert.False(body.ContainsKey("task_list"));
            Assert.False(body.ContainsKey("cc_list"));
            Assert.Equal(Ms(T + 1_000_000), (string?)body["update_time"]);

            Assert.Empty(Tasks("bob"));
            Assert.DoesNotContain(Tasks("carol"), t => t.InstanceId != "keep");
            Assert.Single(Tasks("carol"));
            Assert.Empty(Tasks("dave", TaskTopic.UnreadCc));
            Assert.Equal(new[] { "keep" }, Tasks("alice", TaskTopic.Initiated).Select(t => t.InstanceId));
            Assert.Empty(Server.Instance("i1")!.Tasks);
            Assert.Equal("APPROVED", Server.Instance("i1")!.Status);
        }

        [Fact]
        public void WhatIf_lists_each_instance_once_with_its_approval_code_and_sends_nothing()
        {
            SeedTwoInstancesOfBob();
            var todo = Tasks("bob");
            Sandbox.Server.ClearJournal();

            var sink = Clear(todo, new RecordingSink { ProcessAnswer = _ => false });

            Assert.Empty(sink.Emitted);
            Assert.Empty(sink.Errors);
            Assert.Equal(0, CreateCalls);
            Assert.Equal(2, sink.ShouldProcessCalls.Count);
            Assert.Contains("'i1'", sink.ShouldProcessCalls[0].Target);
            Assert.Contains("APPROVAL-1", sink.ShouldProcessCalls[0].Target);
            Assert.Contains("'i2'", sink.ShouldProcessCalls[1].Target);
            Assert.Contains("irreversible", sink.ShouldProcessCalls[0].Action);
            Assert.Equal(3, Tasks("bob").Count);
        }

        [Fact]
        public void A_task_without_an_instance_id_is_one_error_and_nothing_is_sent_for_it()
        {
            SeedTwoInstancesOfBob();
            var native = new ApprovalTask { ApprovalCode = "NATIVE-DEF", ProcessId = "7000", TaskId = "9000" };
            var noCode = new ApprovalTask { InstanceId = "i2" };
            Sandbox.Server.ClearJournal();

            var sink = Clear(new[] { native, noCode });

            Assert.Equal(2, sink.Errors.Count);
            Assert.All(sink.Errors, e => Assert.Equal("ClearTargetInvalid", e.ErrorId));
            Assert.Same(native, sink.Errors[0].Target);
            Assert.Contains("instance_id", sink.Errors[0].Message);
            Assert.Contains("approval_code", sink.Errors[1].Message);
            Assert.Equal(0, CreateCalls);
        }

        [Fact]
        public void The_purge_payload_passes_the_local_validator_only_in_REPLACE_mode()
        {
            var payload = ClearPayload.Build("A", "i1", DateTimeOffset.FromUnixTimeMilliseconds(T), ClearPayload.DefaultPcLink);
            var violations = new List<Core.Approval.Input.FieldViolation>();

            Assert.NotNull(Core.Approval.Input.ExternalInstanceInput.Prepare(payload, UpdateMode.Replace, violations));
            Assert.Empty(violations);
            Assert.Null(Core.Approval.Input.ExternalInstanceInput.Prepare(payload, UpdateMode.Update, violations));
            Assert.Contains(violations, v => v.Field == "user_id");
        }

        [Fact]
        public void A_server_refusal_is_one_error_naming_the_input()
        {
            SeedTwoInstancesOfBob();
            var task = Tasks("bob").First();
            Sandbox.Server.Faults("approval").FailNext(10);

            var sink = Clear(new[] { task });

            Assert.Same(task, Assert.Single(sink.Errors).Target);
            Assert.Empty(sink.Emitted);
            Sandbox.Server.Faults("approval").Clear();
        }
    }
}

namespace ApprovalTools.Tests.Faq
{
    /// <summary>Clear-ExternalInstance -Force: the cmdlet wraps its sink so the High-impact question is answered yes.</summary>
    public sealed class ForcedConfirmTests : FaqTestBase
    {
        [Fact]
        public void Force_clears_without_asking_and_says_so_in_verbose()
        {
            Seed(InstanceFor("i1", T, "alice", ("t1", "bob", "PENDING")));
            var inner = new RecordingSink { ProcessAnswer = _ => false };
            var op = new ClearExternalInstanceOperation(Connection, new ApprovalTools.Infrastructure.ForcedConfirmSink(inner));

            op.Process("APPROVAL-1", "i1", "input");
            op.Complete();

            Assert.Empty(inner.ShouldProcessCalls);
            Assert.Equal("i1", Assert.Single(inner.EmittedOf<SyncResult>()).InstanceId);
            Assert.Contains(inner.VerboseLines, l => l.Contains("-Force") && l.Contains("'i1'"));
            Assert.Empty(Server.Instance("i1")!.Tasks);
        }
    }
}
