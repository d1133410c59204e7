using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Sandbox.Project;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    /// <summary>Retries of one operation: the transition wait, lost answers, 429s, expired tokens. One X-IDEM-UUID throughout, one effect.</summary>
    public sealed class TransitionAndRetryTests : IDisposable
    {
        private readonly ProjectHarness _h = new();

        public void Dispose() => _h.Dispose();

        [Fact]
        public void A_node_in_transition_is_confirmed_after_waiting_at_least_2_s_with_the_same_idempotency_key()
        {
            var item = _h.Item("1");
            item.Node("start").TransitionCalls = 1;

            var sink = _h.Run(ProjectHarness.Confirm("1", "start"));

            Assert.Empty(sink.Errors);
            var result = Assert.Single(sink.EmittedOf<NodeOperationResult>());
            Assert.Equal(2, result.Attempts);
            var sent = _h.Operates;
            Assert.Equal(2, sent.Count);
            Assert.All(sent, r => Assert.Equal(result.IdempotencyKey, r.Header("X-IDEM-UUID")));
            Assert.True(sent[1].ReceivedAt - sent[0].ReceivedAt >= TimeSpan.FromMilliseconds(1950), "the retry came before the documented 2 s wait");
            Assert.Equal(2, _h.Project.TimesSeen(result.IdempotencyKey));
            Assert.Equal(1, _h.Project.TimesApplied(result.IdempotencyKey));
            Assert.Equal(1, item.Node("start").Confirmed);
            Assert.Equal(NodeStatus.Completed, item.Node("start").Status);
            Assert.Contains(sink.DebugLines, l => l.Contains("retrying in 2000 ms (as the server asked)"));
            Assert.Contains(sink.VerboseLines, l => l.Contains("X-IDEM-UUID " + result.IdempotencyKey));
        }

        [Fact]
        public void A_transition_that_outlasts_the_retries_is_reported_as_busy_with_the_remediation()
        {
            _h.Reconnect(s => s with { MaxRetryAttempts = 1 });
            var item = _h.Item("1");
            item.Node("start").TransitionUntil = DateTimeOffset.UtcNow.AddMinutes(5);

            var sink = _h.Run(ProjectHarness.Confirm("1", "start"));

            var error = Assert.Single(sink.Errors);
            Assert.Equal("NodeInTransition", error.ErrorId);
            Assert.Equal(ErrorKind.ResourceBusy, error.Kind);
            Assert.Contains("wait 2 seconds or more", error.Message);
            Assert.Equal(2, _h.Operates.Count);
            Assert.Single(_h.Operates.Select(r => r.Header("X-IDEM-UUID")).Distinct());
            Assert.Equal(0, item.Node("start").Confirmed);
        }

        [Fact]
        public void Stopping_during_the_transition_wait_ends_promptly_without_applying()
        {
            var item = _h.Item("1");
            item.Node("start").TransitionUntil = DateTimeOffset.UtcNow.AddMinutes(5);
            var sink = new Support.RecordingSink();
            var operation = new Core.Project.Operations.NodeOperation(_h.Connection, sink);

            operation.Process(ProjectHarness.Confirm("1", "start"));
            // Ctrl+C once the first attempt reached the server (the retry waits 2 s or more), however slow the machine.
            Assert.True(SpinWait.SpinUntil(() => _h.Operates.Count > 0, TimeSpan.FromMinutes(1)), "the operation was never sent");
            sink.Stop.Cancel();

            Assert.ThrowsAny<OperationCanceledException>(() => operation.Complete());
            Assert.Single(_h.Operates);
            Assert.Empty(sink.Emitted);
            Assert.Equal(0, item.Node("start").Confirmed);
        }

        [Fact]
        public void An_answer_lost_after_the_server_acted_is_retried_and_deduplicated()
        {
            var item = _h.Item("1");
            _h.Project.DropAnswerAfterActing(1);

            var sink = _h.Run(ProjectHarness.Confirm("1", "start"));

            Assert.Empty(sink.Errors);
            var result = Assert.Single(sink.EmittedOf<NodeOperationResult>());
            Assert.Equal(2, _h.Project.TimesSeen(result.IdempotencyKey));
            Assert.Equal(1, _h.Project.TimesApplied(result.IdempotencyKey));
            Assert.Equal(1, item.Node("start").Confirmed);
            Assert.Equal(NodeStatus.Arrived, item.Node("design").Status);
        }

        [Fact]
        public void A_confirm_applied_by_an_attempt_whose_answer_was_lost_before_a_token_refresh_is_reported_done_with_a_warning()
        {
            // The server deduplicates X-IDEM-UUID per plugin token; the resend carries a fresh token and meets the completed node.
            var item = _h.Item("1");
            _h.Project.DropAnswerAfterActing(1, thenExpireTokens: true);

            var sink = _h.Run(ProjectHarness.Confirm("1", "start"));

            Assert.Empty(sink.Errors);
            var result = Assert.Single(sink.EmittedOf<NodeOperationResult>());
            Assert.True(result.AppliedByEarlierAttempt);
            Assert.Contains(sink.Warnings, w => w.Contains("already completed"));
            Assert.Equal(1, item.Node("start").Confirmed);
            Assert.Equal(2, _h.TokenRequests.Count);
            Assert.Single(_h.Sandbox.Server.Journal, r => r.Path.EndsWith("/workflow/query", StringComparison.Ordinal));
        }

        [Fact]
        public void A_rollback_applied_by_a_lost_attempt_before_a_token_refresh_is_reported_done()
        {
            var item = _h.Item("1");
            Assert.Empty(_h.Run(ProjectHarness.Confirm("1", "start")).Errors);
            _h.Project.DropAnswerAfterActing(1, thenExpireTokens: true);

            var sink = _h.Run(ProjectHarness.Rollback("1", "start", "redo"));

            Assert.Empty(sink.Errors);
            Assert.True(Assert.Single(sink.EmittedOf<NodeOperationResult>()).AppliedByEarlierAttempt);
            Assert.Equal(1, item.Node("start").RolledBack);
        }

        [Fact]
        public void Already_completed_without_a_lost_attempt_stays_an_error()
        {
            var item = _h.Item("1");
            Assert.Empty(_h.Run(ProjectHarness.Confirm("1", "start")).Errors);
            _h.Project.ExpireTokens();

            var sink = _h.Run(ProjectHarness.Confirm("1", "start"));

            Assert.Equal("NodeIsCompleted", Assert.Single(sink.Errors).ErrorId);
            Assert.Empty(sink.Emitted);
            Assert.Equal(1, item.Node("start").Confirmed);
        }

        [Fact]
        public void A_10429_is_retried_with_the_same_idempotency_key()
        {
            _h.Reconnect(s => s with { MaxServerDelay = TimeSpan.FromMilliseconds(50) });
            var item = _h.Item("1");
            _h.Sandbox.Server.Faults("project").SparePathPrefix = "/open_api/authen/";
            _h.Sandbox.Server.Faults("project").RateLimitNext(1);

            var sink = _h.Run(ProjectHarness.Confirm("1", "start"));

            Assert.Empty(sink.Errors);
            Assert.Equal(2, _h.Operates.Count);
            Assert.Single(_h.Operates.Select(r => r.Header("X-IDEM-UUID")).Distinct());
            Assert.Equal(1, item.Node("start").Confirmed);
        }

        [Fact]
        public void A_burst_over_15_qps_without_the_client_limiter_meets_10429_and_still_completes_every_item_once()
        {
            _h.Reconnect(s => s with { DefaultRequestsPerSecond = 0, MaxRetryAttempts = 5 });
            var requests = Enumerable.Range(1, 30).Select(i => { _h.Item(i.ToString()); return (object)ProjectHarness.Confirm(i.ToString(), "start"); }).ToArray();

            var sink = _h.Run(15, requests);

            Assert.True(_h.Project.RateLimitedCount > 0, "the sandbox never enforced its 15 QPS limit");
            Assert.Empty(sink.Errors);
            Assert.Equal(30, sink.EmittedOf<NodeOperationResult>().Count());
            Assert.All(Enumerable.Range(1, 30), i => Assert.Equal(1, _h.Project.Node("p", "story", i.ToString(), "start").Confirmed));
        }

        [Fact]
        public void The_client_limiter_keeps_a_burst_within_15_per_second()
        {
            var requests = Enumerable.Range(1, 20).Select(i => { _h.Item(i.ToString()); return (object)ProjectHarness.Confirm(i.ToString(), "start"); }).ToArray();

            var sink = _h.Run(15, requests);

            Assert.Empty(sink.Errors);
            Assert.Equal(20, sink.EmittedOf<NodeOperationResult>().Count());
            var times = _h.Operates.Select(r => r.ReceivedAt).OrderBy(t => t).ToList();
            // No 16 requests within one second: the 16th waits for the first permit to come back.
            for (var i = 15; i < times.Count; i++)
            {
                Assert.True(times[i] - times[i - 15] >= TimeSpan.FromMilliseconds(950), $"16 requests within {(times[i] - times[i - 15]).TotalMilliseconds} ms");
            }
        }

        [Fact]
        public void An_expired_token_is_refreshed_and_the_operation_replayed_once()
        {
            _h.Item("1");
            _h.Item("2");
            _h.Run(ProjectHarness.Confirm("1", "start"));
            _h.Project.ExpireTokens();

            var sink = _h.Run(ProjectHarness.Confirm("2", "start"));

            Assert.Empty(sink.Errors);
            Assert.Equal(2, _h.TokenRequests.Count);
            var second = _h.Operates.Where(r => r.Path.Contains("/2/")).ToList();
            Assert.Equal(2, second.Count);
            Assert.NotEqual(second[0].Header("X-PLUGIN-TOKEN"), second[1].Header("X-PLUGIN-TOKEN"));
            Assert.Equal(second[0].Header("X-IDEM-UUID"), second[1].Header("X-IDEM-UUID"));
            Assert.Equal(1, _h.Project.Node("p", "story", "2", "start").Confirmed);
        }

        [Fact]
        public void A_transient_50006_overload_is_retried_but_a_permanent_50006_is_not()
        {
            _h.Item("1");
            _h.Item("2");
            _h.Sandbox.Server.Faults("project").SparePathPrefix = "/open_api/authen/";
            _h.Sandbox.Server.Faults("project").FailNext(1);

            var ok = _h.Run(ProjectHarness.Confirm("1", "start"));
            _h.Project.InjectNext(ProjectError.SubTaskNotCompleted("Start", "Write tests"));
            var failed = _h.Run(ProjectHarness.Confirm("2", "start"));

            Assert.True(ok.Errors.Count == 0, string.Join("; ", ok.Errors));
            Assert.Equal(2, _h.Operates.Count(r => r.Path.Contains("/1/")));
            Assert.Equal("SubTaskNotCompleted", Assert.Single(failed.Errors).ErrorId);
            Assert.Single(_h.Operates, r => r.Path.Contains("/2/"));
        }
    }
}
