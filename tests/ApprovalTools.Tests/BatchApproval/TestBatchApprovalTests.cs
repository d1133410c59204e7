using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.BatchApproval
{
    public sealed class TestBatchApprovalTests : IDisposable
    {
        private readonly BatchHarness _h = new();

        public void Dispose() => _h.Dispose();

        private RecordingSink Test(IEnumerable<object?> inputs)
        {
            var sink = new RecordingSink();
            var operation = new TestBatchApprovalOperation(_h.Connection, BatchHarness.User, sink);
            foreach (var input in inputs) operation.Add(input);
            operation.Complete();
            return sink;
        }

        [Fact]
        public void One_object_per_task_id_with_support_and_reason_by_position()
        {
            var ids = BatchHarness.TaskIds(250);
            _h.Service.Unsupported["t0001"] = "未开启reason";
            _h.Service.Unsupported["t0220"] = "other reason";

            var sink = Test(ids);

            var results = sink.EmittedOf<BatchTaskSupport>().ToList();
            Assert.Equal(ids, results.Select(r => r.TaskId));
            Assert.Equal(new[] { "t0001", "t0220" }, results.Where(r => !r.Supported).Select(r => r.TaskId));
            Assert.Equal("未开启reason", results[1].Reason);
            Assert.Equal("other reason", results[220].Reason);
            Assert.Null(results[0].Reason);
            Assert.Equal(new[] { 200, 50 }, _h.CheckBodies.Select(b => b.Length));
            Assert.Empty(_h.SubmitBodies);
            Assert.Empty(sink.Errors);
        }

        [Fact]
        public void Empty_and_duplicate_ids_are_handled_like_submit_does()
        {
            var sink = Test(new object?[] { "a", "a", "", "b" });

            Assert.Equal(new[] { "a", "b" }, sink.EmittedOf<BatchTaskSupport>().Select(r => r.TaskId));
            Assert.Equal("BatchTaskIdEmpty", Assert.Single(sink.Errors).ErrorId);
            Assert.Contains(sink.VerboseLines, l => l.Contains("appears again"));
        }

        [Fact]
        public void A_short_answer_fails_every_id_of_the_chunk()
        {
            _h.Service.ShortenNextCheckAnswers(1);

            var sink = Test(new[] { "a", "b" });

            Assert.Empty(sink.Emitted);
            Assert.Equal(new[] { "a", "b" }, sink.Errors.Select(e => e.Target));
            Assert.All(sink.Errors, e => Assert.Equal("BatchCheckLengthMismatch", e.ErrorId));
        }
    }
}
