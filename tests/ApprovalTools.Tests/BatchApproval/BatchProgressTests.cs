using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.BatchApproval
{
    /// <summary>Get-BatchApprovalProgress's operation: following batches by object or by number, from another session.</summary>
    public sealed class BatchProgressTests : IDisposable
    {
        private readonly BatchHarness _h = new();

        public void Dispose() => _h.Dispose();

        private RecordingSink Progress(Action<GetBatchApprovalProgressOperation> add, bool wait, BatchApprovalConnection? connection = null)
        {
            var sink = new RecordingSink();
            var operation = new GetBatchApprovalProgressOperation(connection ?? _h.Connection, wait, BatchHarness.FastWait, sink);
            add(operation);
            operation.Complete();
            return sink;
        }

        [Fact]
        public void A_batch_submitted_in_a_session_that_ended_is_followed_again_by_user_and_number()
        {
            _h.Service.Failing["t0003"] = true;
            string number;
            using (var first = _h.Connect())
            {
                var submitted = _h.Submit(BatchHarness.TaskIds(10), connection: first);
                number = submitted.EmittedOf<ApprovalBatch>().Single().BatchNumber;
            }

            using var second = _h.Connect();
            var sink = Progress(op => op.Add(BatchHarness.User, number), wait: true, second);

            var batch = sink.EmittedOf<ApprovalBatch>().Single();
            Assert.Equal(number, batch.BatchNumber);
            Assert.Equal(BatchState.CompletedWithFailures, batch.State);
            Assert.Equal(10, batch.Total);
            Assert.Equal(10, batch.Processed);
            Assert.Equal(new[] { "t0003" }, batch.FailedTasks);
            Assert.Empty(batch.TaskIds);
            var error = Assert.Single(sink.Errors);
            Assert.Equal("BatchTaskFailed", error.ErrorId);
            Assert.Equal("t0003", error.Target);
            Assert.True(sink.ProgressRecords.Last().Completed);
            Assert.All(_h.Calls("GET", "/batch_approvals/_submit"), r => Assert.Equal(number, r.QueryValue("batch_number")));
        }

        [Fact]
        public void Without_wait_each_batch_is_read_once_and_the_callers_object_is_left_alone()
        {
            _h.ClockAdvancesPerProgressRead(TimeSpan.FromSeconds(0.5));
            _h.Service.TasksPerSecond = 100; // 50 per read
            var submitted = _h.Submit(BatchHarness.TaskIds(200)).EmittedOf<ApprovalBatch>().Single();

            var sink = Progress(op => op.Add(submitted), wait: false);

            var read = sink.EmittedOf<ApprovalBatch>().Single();
            Assert.NotSame(submitted, read);
            Assert.Equal(BatchState.Running, read.State);
            Assert.Equal(200, read.Total);
            Assert.Equal(50, read.Processed);
            Assert.Equal(25, read.PercentComplete);
            Assert.Equal(submitted.TaskIds, read.TaskIds);
            Assert.Equal(BatchState.Submitted, submitted.State);
            Assert.Null(submitted.Total);
            Assert.Empty(sink.ProgressRecords);
            Assert.Single(_h.Calls("GET", "/batch_approvals/_submit"));
        }

        [Fact]
        public void Batch_objects_piped_in_are_followed_to_the_end_with_one_bar()
        {
            _h.Service.Failing["b0001"] = true;
            var batches = _h.Submit(BatchHarness.TaskIds(450, "b")).EmittedOf<ApprovalBatch>().ToList();

            var sink = Progress(op => { foreach (var b in batches) op.Add(b); op.Add(batches[0]); }, wait: true);

            Assert.Equal(batches.Select(b => b.BatchNumber).OrderBy(x => x), sink.EmittedOf<ApprovalBatch>().Select(b => b.BatchNumber).OrderBy(x => x));
            Assert.All(sink.EmittedOf<ApprovalBatch>(), b => Assert.True(b.IsFinished));
            Assert.Equal("b0001", Assert.Single(sink.Errors).Target);
            Assert.Contains(sink.VerboseLines, l => l.Contains("more than once"));
            Assert.Single(sink.ProgressRecords.Select(p => p.ActivityId).Distinct());
        }

        [Fact]
        public void The_batch_of_another_user_is_an_error_with_the_batch_as_target()
        {
            var number = _h.Submit(new[] { "a" }).EmittedOf<ApprovalBatch>().Single().BatchNumber;

            var sink = Progress(op => op.Add("someone_else", number), wait: true);

            Assert.Empty(sink.Emitted);
            var error = Assert.Single(sink.Errors);
            Assert.Equal("BatchPermissionDenied", error.ErrorId);
            Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
            Assert.Equal(number, Assert.IsType<ApprovalBatch>(error.Target).BatchNumber);
            Assert.Contains("someone_else", error.Message);
        }

        [Fact]
        public void A_progress_read_that_keeps_failing_is_retried_then_reported_on_the_batch()
        {
            var batch = _h.Submit(new[] { "a", "b" }).EmittedOf<ApprovalBatch>().Single();
            _h.Server.Faults("batch").FailNext(100);

            var sink = Progress(op => op.Add(batch), wait: true);

            Assert.Equal(1 + _h.Settings.MaxRetryAttempts, _h.Calls("GET", "/batch_approvals/_submit").Count);
            Assert.Empty(sink.Emitted);
            var error = Assert.Single(sink.Errors);
            Assert.Equal("BatchServerError", error.ErrorId);
            Assert.Equal(new[] { "a", "b" }, Assert.IsType<ApprovalBatch>(error.Target).TaskIds);
            Assert.Contains("Get-BatchApprovalProgress", error.RecommendedAction);
            Assert.True(sink.ProgressRecords.Last().Completed);
        }

        [Fact]
        public void An_unknown_batch_number_is_not_found()
        {
            var sink = Progress(op => op.Add(BatchHarness.User, "0123456789abcdef"), wait: false);

            var error = Assert.Single(sink.Errors);
            Assert.Equal("BatchNotFound", error.ErrorId);
            Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
            Assert.Single(_h.Calls("GET", "/batch_approvals/_submit"));
        }

        [Fact]
        public void A_missing_user_or_number_is_an_error_and_nothing_is_sent()
        {
            var sink = Progress(op => { op.Add("", "n1"); op.Add(BatchHarness.User, " "); }, wait: true);

            Assert.Equal(2, sink.Errors.Count);
            Assert.All(sink.Errors, e => Assert.Equal("BatchProgressInputInvalid", e.ErrorId));
            Assert.Contains("UserId", sink.Errors[0].Message);
            Assert.Contains("BatchNumber", sink.Errors[1].Message);
            Assert.Empty(_h.Server.Journal);
        }

        [Fact]
        public void Polling_backs_off_while_nothing_moves()
        {
            var frozen = DateTimeOffset.UtcNow;
            _h.Service.Clock = () => frozen; // the server's batches never progress
            var number = _h.Submit(new[] { "a" }).EmittedOf<ApprovalBatch>().Single().BatchNumber;
            var sink = new RecordingSink();
            var delays = new List<TimeSpan>();
            var wait = new BatchWaitOptions { PollInterval = TimeSpan.FromMilliseconds(50), MaxPollInterval = TimeSpan.FromMilliseconds(500), Backoff = 2 };
            // No real waiting: each "sleep" is recorded, and the sixth one stops the run as Ctrl+C would.
            wait.Sleep = (delay, _) =>
            {
                delays.Add(delay);
                if (delays.Count == 6) sink.Stop.Cancel();
                sink.Stop.Token.ThrowIfCancellationRequested();
            };
            var operation = new GetBatchApprovalProgressOperation(_h.Connection, true, wait, sink);
            operation.Add(BatchHarness.User, number);

            Assert.ThrowsAny<OperationCanceledException>(() => operation.Complete());

            Assert.Equal(new[] { 50, 100, 200, 400, 500, 500 }, delays.Select(d => (int)d.TotalMilliseconds));
            Assert.Equal(6, _h.Calls("GET", "/batch_approvals/_submit").Count);
        }
    }
}
