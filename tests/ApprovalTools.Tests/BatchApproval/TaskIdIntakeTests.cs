using System.Collections;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.BatchApproval
{
    /// <summary>
    /// What Submit-/Test-BatchApproval make of input items, asserted on what the sandbox received: ids only from text,
    /// whole numbers or an object's TaskId/task_id/Id, never from a type name or a formatted object.
    /// </summary>
    public sealed class TaskIdIntakeTests : IDisposable
    {
        private readonly BatchHarness _h = new();

        public void Dispose() => _h.Dispose();

        private sealed class ThrowingId
        {
            public string TaskId => throw new InvalidOperationException("getter failed");
        }

        [Fact]
        public void Ids_that_are_objects_are_errors_and_only_real_ids_are_sent()
        {
            var inputs = new object?[]
            {
                "s1",
                42L,
                new Hashtable { ["TaskId"] = new Hashtable { ["TaskId"] = "inner" } },
                new Hashtable { ["task_id"] = new[] { "a", "b" } },
                new { Id = 3.5 },
                new ThrowingId(),
                new Hashtable { ["Name"] = "x" },
                new Hashtable(),
                new Hashtable { ["TaskId"] = 7 },
                new Dictionary<string, object?> { ["id"] = "lower-case key" },
            };

            var sink = _h.Submit(inputs);

            Assert.Equal(new[] { "s1", "42", "7", "lower-case key" }, _h.SubmitBodies.Single());
            Assert.Equal(new[] { "s1", "42", "7", "lower-case key" }, _h.CheckBodies.Single());
            Assert.Equal(new[] { "BatchTaskIdInvalid", "BatchTaskIdInvalid", "BatchTaskIdInvalid", "BatchTaskIdMissing", "BatchTaskIdMissing", "BatchTaskIdMissing" },
                sink.Errors.Select(e => e.ErrorId));
            Assert.Equal(new[] { inputs[2], inputs[3], inputs[4], inputs[5], inputs[6], inputs[7] }, sink.Errors.Select(e => e.Target));
            Assert.Contains("its TaskId is a Hashtable, not a task id", sink.Errors[0].Message);
            Assert.Contains("its TaskId is a Double", sink.Errors[2].Message);
            Assert.Contains("getter failed", sink.Errors[3].Message);
            Assert.Contains("has no TaskId, task_id or Id", sink.Errors[4].Message);
        }

        [Fact]
        public void Test_BatchApproval_reads_ids_the_same_way()
        {
            var sink = new RecordingSink();
            var op = new TestBatchApprovalOperation(_h.Connection, BatchHarness.User, sink);
            foreach (var input in new object?[] { new Hashtable { ["TaskId"] = "t1" }, new Hashtable { ["Name"] = "x" }, "t1", "t2" }) op.Add(input);
            op.Complete();

            Assert.Equal(new[] { "t1", "t2" }, _h.CheckBodies.Single());
            Assert.Equal("BatchTaskIdMissing", Assert.Single(sink.Errors).ErrorId);
            Assert.Equal("1 duplicate task id(s) were dropped, each task is handled once: t1", Assert.Single(sink.Warnings));
        }

        [Fact]
        public void The_duplicates_warning_names_at_most_ten_ids()
        {
            var ids = BatchHarness.TaskIds(12);
            var sink = _h.Submit(ids.Concat(ids).Cast<object?>());

            var warning = Assert.Single(sink.Warnings);
            Assert.StartsWith("12 duplicate task id(s) were dropped", warning);
            Assert.EndsWith(string.Join(", ", ids.Take(10)) + ", …", warning);
        }
    }
}
