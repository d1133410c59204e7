using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.BatchApproval
{
    /// <summary>Submit-BatchApproval's operation end to end over HTTP against the sandbox.</summary>
    public sealed class SubmitBatchApprovalTests : IDisposable
    {
        private readonly BatchHarness _h = new();

        public void Dispose() => _h.Dispose();

        [Fact]
        public void No_ids_send_nothing_and_emit_nothing()
        {
            var sink = _h.Submit(Array.Empty<object>(), o => o.Wait = true);

            Assert.Empty(_h.Server.Journal);
            Assert.Empty(sink.Emitted);
            Assert.Empty(sink.Errors);
            Assert.Empty(sink.ProgressRecords);
        }

        [Theory]
        [InlineData(1, new[] { 1 })]
        [InlineData(200, new[] { 200 })]
        [InlineData(201, new[] { 200, 1 })]
        [InlineData(1000, new[] { 200, 200, 200, 200, 200 })]
        public void Ids_are_checked_and_submitted_in_calls_of_at_most_200(int count, int[] chunks)
        {
            var ids = BatchHarness.TaskIds(count);

            var sink = _h.Submit(ids);

            Assert.Equal(chunks, _h.CheckBodies.Select(b => b.Length));
            Assert.Equal(chunks, _h.SubmitBodies.Select(b => b.Length));
            Assert.Equal(ids, _h.SubmitBodies.SelectMany(b => b));
            var batches = sink.EmittedOf<ApprovalBatch>().ToList();
            Assert.Equal(chunks.Length, batches.Count);
            Assert.Equal(ids, batches.SelectMany(b => b.TaskIds));
            Assert.Equal(_h.Service.Batches.Select(b => b.BatchNumber), batches.Select(b => b.BatchNumber));
            Assert.All(batches, b => { Assert.Equal(BatchHarness.User, b.UserId); Assert.Equal(BatchState.Submitted, b.State); Assert.NotNull(b.SubmittedAt); });
            Assert.Empty(sink.Errors);
            Assert.All(_h.Calls("POST", "/batch_approvals/_submit"), r => Assert.Equal(BatchHarness.User, r.QueryValue("user_id")));
        }

        [Fact]
        public void A_thousand_ids_with_unsupported_and_failing_tasks_end_each_exactly_once_as_done_unsupported_or_failed()
        {
            var ids = BatchHarness.TaskIds(1000);
            var unsupported = ids.Where((_, i) => i % 9 == 4).ToHashSet();
            var failing = ids.Where((_, i) => i % 13 == 6 && i % 9 != 4).ToHashSet();
            foreach (var id in unsupported) _h.Service.Unsupported[id] = "未开启批量审批 " + id;
            foreach (var id in failing) _h.Service.Failing[id] = true;
            _h.Service.TasksPerSecond = 5000;

            var sink = _h.Submit(ids, o => o.Wait = true);

            // Exactly the supported ones were submitted, each once, in calls of at most 200.
            var supported = ids.Where(id => !unsupported.Contains(id)).ToList();
            Assert.Equal(5, _h.CheckBodies.Count);
            Assert.All(_h.SubmitBodies, b => Assert.InRange(b.Length, 1, 200));
            Assert.Equal(supported, _h.SubmitBodies.SelectMany(b => b));
            Assert.Equal(supported, _h.Service.Batches.SelectMany(b => b.TaskIds));

            var batches = sink.EmittedOf<ApprovalBatch>().ToList();
            Assert.Equal(_h.SubmitBodies.Count, batches.Count);
            Assert.All(batches, b => { Assert.True(b.IsFinished); Assert.Equal(b.TaskIds.Length, b.Total); Assert.Equal(b.Total, b.Processed); });
            var unsupportedErrors = sink.Errors.Where(e => e.ErrorId == "BatchTaskUnsupported").ToList();
            var failedErrors = sink.Errors.Where(e => e.ErrorId == "BatchTaskFailed").ToList();
            Assert.Equal(unsupported.Count + failing.Count, sink.Errors.Count);
            Assert.Equal(unsupported.OrderBy(x => x), unsupportedErrors.Select(e => (string)e.Target!).OrderBy(x => x));
            Assert.Equal(failing.OrderBy(x => x), failedErrors.Select(e => (string)e.Target!).OrderBy(x => x));
            Assert.Equal(failing.OrderBy(x => x), batches.SelectMany(b => b.FailedTasks).OrderBy(x => x));

            var done = batches.SelectMany(b => b.TaskIds.Except(b.FailedTasks)).ToList();
            var accounted = done.Concat(unsupportedErrors.Select(e => (string)e.Target!)).Concat(failedErrors.Select(e => (string)e.Target!)).ToList();
            Assert.Equal(ids.Count, accounted.Count);
            Assert.Equal(ids.OrderBy(x => x), accounted.OrderBy(x => x));
            Assert.Equal(done.Count, batches.Sum(b => b.Approved));

            // One progress bar across all batches, ending with a Completed record.
            Assert.Single(sink.ProgressRecords.Select(p => p.ActivityId).Distinct());
            Assert.True(sink.ProgressRecords.Last().Completed);
            Assert.Single(sink.ProgressRecords, p => p.Completed);
            var percents = sink.ProgressRecords.Where(p => !p.Completed).Select(p => p.PercentComplete).ToList();
            Assert.Equal(percents.OrderBy(p => p), percents);
            Assert.Equal(100, percents.Last());
            Assert.False(sink.CalledOffThread);
        }

        [Fact]
        public void Unsupported_tasks_are_matched_by_position_and_reported_with_the_servers_reason()
        {
            _h.Service.Unsupported["b"] = "未开启reason";
            _h.Service.Unsupported["d"] = "节点不允许批量";

            var sink = _h.Submit(new[] { "a", "b", "c", "d" });

            Assert.Equal(new[] { "a", "c" }, _h.SubmitBodies.Single());
            Assert.Equal(new[] { "b", "d" }, sink.Errors.Select(e => e.Target));
            Assert.All(sink.Errors, e => { Assert.Equal("BatchTaskUnsupported", e.ErrorId); Assert.Equal(ErrorKind.InvalidOperation, e.Kind); });
            Assert.Contains("未开启reason", sink.Errors[0].Message);
            Assert.Contains("节点不允许批量", sink.Errors[1].Message);
            Assert.Equal(new[] { "a", "c" }, sink.EmittedOf<ApprovalBatch>().Single().TaskIds);
        }

        [Fact]
        public void Tasks_failing_during_processing_become_one_error_each_and_the_bar_moves_with_the_server()
        {
            _h.ClockAdvancesPerProgressRead(TimeSpan.FromSeconds(0.25));
            _h.Service.TasksPerSecond = 200; // 50 tasks per progress read
            var ids = BatchHarness.TaskIds(200);
            _h.Service.Failing["t0010"] = true;
            _h.Service.Failing["t0150"] = true;

            var sink = _h.Submit(ids, o => o.Wait = true);

            var batch = sink.EmittedOf<ApprovalBatch>().Single();
            Assert.Equal(BatchState.CompletedWithFailures, batch.State);
            Assert.Equal(new[] { "t0010", "t0150" }, batch.FailedTasks);
            Assert.Equal(198, batch.Approved);
            Assert.Equal(new[] { "t0010", "t0150" }, sink.Errors.Select(e => e.Target));
            Assert.All(sink.Errors, e =>
            {
                Assert.Equal("BatchTaskFailed", e.ErrorId);
                Assert.Contains("closed or deleted", e.Message);
                Assert.Contains(batch.BatchNumber, e.Message);
                Assert.Contains("by hand", e.RecommendedAction);
            });
            Assert.Equal(new[] { 25, 50, 75, 100 }, sink.ProgressRecords.Where(p => !p.Completed).Select(p => p.PercentComplete));
            Assert.Equal(4, _h.Calls("GET", "/batch_approvals/_submit").Count);
        }

        [Fact]
        public void Duplicates_are_submitted_once_and_verbose_says_so()
        {
            var sink = _h.Submit(new[] { "a", "b", "a", "c", "b" });

            Assert.Equal(new[] { "a", "b", "c" }, _h.CheckBodies.Single());
            Assert.Equal(new[] { "a", "b", "c" }, _h.SubmitBodies.Single());
            Assert.Equal(2, sink.VerboseLines.Count(l => l.Contains("appears again")));
            Assert.Contains(sink.VerboseLines, l => l.Contains("2 duplicates dropped"));
            Assert.Equal("2 duplicate task id(s) were dropped, each task is handled once: a, b", Assert.Single(sink.Warnings));
            Assert.Empty(sink.Errors);
        }

        [Fact]
        public void Empty_ids_are_errors_naming_the_rule_and_the_rest_goes_on()
        {
            var sink = _h.Submit(new object?[] { "a", "", "  ", null, "b" });

            Assert.Equal(new[] { "a", "b" }, _h.SubmitBodies.Single());
            Assert.Equal(3, sink.Errors.Count);
            Assert.All(sink.Errors, e => { Assert.Equal("BatchTaskIdEmpty", e.ErrorId); Assert.Equal(ErrorKind.InvalidArgument, e.Kind); Assert.Contains("required", e.Message); });
        }

        [Fact]
        public void Objects_give_their_TaskId_task_id_or_Id()
        {
            var inputs = new object?[]
            {
                new { TaskId = "x1" },
                new Dictionary<string, object> { ["task_id"] = "x2" },
                new System.Collections.Hashtable { ["Id"] = "x3" },
                new { task_id = "x4", other = 1 },
                new { Name = "no id here" },
            };

            var sink = _h.Submit(inputs);

            Assert.Equal(new[] { "x1", "x2", "x3", "x4" }, _h.SubmitBodies.Single());
            var error = Assert.Single(sink.Errors);
            Assert.Equal("BatchTaskIdMissing", error.ErrorId);
            Assert.Contains("has no TaskId, task_id or Id", error.Message);
            Assert.Same(inputs[4], error.Target);
        }

        [Fact]
        public void A_check_answer_of_the_wrong_length_fails_that_chunk_only_and_nothing_of_it_is_submitted()
        {
            _h.Service.ShortenNextCheckAnswers(1);
            var ids = BatchHarness.TaskIds(201);

            var sink = _h.Submit(ids);

            Assert.Equal(new[] { "t0200" }, _h.SubmitBodies.SelectMany(b => b));
            Assert.Equal(200, sink.Errors.Count);
            Assert.Equal(ids.Take(200), sink.Errors.Select(e => e.Target));
            Assert.All(sink.Errors, e =>
            {
                Assert.Equal("BatchCheckLengthMismatch", e.ErrorId);
                Assert.Equal(ErrorKind.InvalidData, e.Kind);
                Assert.Contains("200 task ids", e.Message);
                Assert.Contains("199 entries", e.Message);
            });
        }

        [Fact]
        public void A_submit_whose_connection_dropped_is_not_sent_again_and_every_id_is_reported()
        {
            _h.Server.Faults("batch").DropNext(1);

            var sink = _h.Submit(new[] { "a", "b", "c" }, o => { o.SkipCheck = true; o.Wait = true; });

            Assert.Single(_h.Calls("POST", "/batch_approvals/_submit"));
            Assert.Empty(sink.Emitted);
            Assert.Equal(new[] { "a", "b", "c" }, sink.Errors.Select(e => e.Target));
            Assert.All(sink.Errors, e => { Assert.Equal("BatchSubmitOutcomeUnknown", e.ErrorId); Assert.Equal(ErrorKind.OutcomeUnknown, e.Kind); });
            Assert.Contains("a, b, c", Assert.Single(sink.Warnings));
        }

        [Fact]
        public void A_server_error_on_submit_is_an_unknown_outcome_and_not_retried()
        {
            _h.Server.Faults("batch").FailNext(1);

            var sink = _h.Submit(new[] { "a", "b" }, o => o.SkipCheck = true);

            Assert.Single(_h.Calls("POST", "/batch_approvals/_submit"));
            Assert.All(sink.Errors, e => Assert.Equal("BatchSubmitOutcomeUnknown", e.ErrorId));
            Assert.Equal(2, sink.Errors.Count);
        }

        [Fact]
        public void A_rate_limited_submit_is_retried_because_the_server_did_not_act()
        {
            _h.Server.Faults("batch").RateLimitNext(1);

            var sink = _h.Submit(new[] { "a", "b" }, o => o.SkipCheck = true);

            Assert.Equal(2, _h.Calls("POST", "/batch_approvals/_submit").Count);
            Assert.Single(_h.Service.Batches);
            Assert.Single(sink.EmittedOf<ApprovalBatch>());
            Assert.Empty(sink.Errors);
        }

        [Fact]
        public void Transient_check_failures_are_retried_like_any_read()
        {
            _h.Server.Faults("batch").FailNext(2);

            var sink = _h.Submit(new[] { "a" });

            Assert.Equal(3, _h.Calls("POST", "/batch_approvals/_check").Count);
            Assert.Single(sink.EmittedOf<ApprovalBatch>());
        }

        [Fact]
        public void A_submit_the_server_rejects_reports_each_task_with_the_servers_message()
        {
            var sink = _h.Submit(new[] { "a", "unsupported-b" }, o => o.SkipCheck = true);

            Assert.Empty(_h.CheckBodies);
            Assert.Single(_h.SubmitBodies);
            Assert.Equal(new[] { "a", "unsupported-b" }, sink.Errors.Select(e => e.Target));
            Assert.All(sink.Errors, e =>
            {
                Assert.Equal("BatchRequestRejected", e.ErrorId);
                Assert.Contains("does not support batch approval", e.Message);
            });
            Assert.Empty(sink.Emitted);
        }

        [Fact]
        public void WhatIf_checks_but_submits_nothing_and_asks_once_per_chunk()
        {
            var sink = new RecordingSink { ProcessAnswer = _ => false };

            _h.Submit(BatchHarness.TaskIds(201), sink: sink);

            Assert.Equal(2, _h.CheckBodies.Count);
            Assert.Empty(_h.SubmitBodies);
            Assert.Equal(2, sink.ShouldProcessCalls.Count);
            Assert.Contains("200 tasks", sink.ShouldProcessCalls[0].Target);
            Assert.Contains(BatchHarness.User, sink.ShouldProcessCalls[0].Target);
            Assert.Empty(sink.Emitted);
        }

        [Fact]
        public void A_wrong_token_ends_the_command_with_an_authentication_error()
        {
            using var connection = _h.Connect("not-the-right-token");

            var ex = Assert.Throws<ApiException>(() => _h.Submit(new[] { "a" }, connection: connection));

            Assert.Equal(ErrorKind.Authentication, ex.Kind);
            Assert.Equal(401, ex.HttpStatus);
            Assert.Empty(_h.SubmitBodies);
            Assert.DoesNotContain("not-the-right-token", ex.Message);
        }

        [Fact]
        public void Cancellation_during_wait_stops_promptly_and_the_batch_keeps_its_number()
        {
            _h.Service.TasksPerSecond = 1; // 50 s of processing
            var sink = new RecordingSink();
            // Ctrl+C once the wait has begun (its first progress read reached the server), however slow the machine.
            _ = Task.Run(() =>
            {
                SpinWait.SpinUntil(() => _h.Calls("GET", "/batch_approvals/_submit").Count > 0, TimeSpan.FromMinutes(1));
                sink.Stop.Cancel();
            });

            Assert.ThrowsAny<OperationCanceledException>(() => _h.Submit(BatchHarness.TaskIds(50), o =>
            {
                o.Wait = true;
                o.WaitOptions = new BatchWaitOptions { PollInterval = TimeSpan.FromSeconds(5) };
            }, sink));

            Assert.Single(_h.Service.Batches);
            Assert.Contains(sink.VerboseLines, l => l.Contains(_h.Service.Batches[0].BatchNumber));
            Assert.DoesNotContain(sink.ProgressRecords, p => p.Completed);
        }
    }
}
