using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Http;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    /// <summary>The one request pipeline, against a scripted service over real loopback HTTP.</summary>
    public sealed class TransportTests : IDisposable
    {
        private readonly ScriptedService _service = new();
        private readonly SandboxServer _server;
        private readonly ScriptedProtocol _protocol = new();
        private ResilienceSettings _settings = new() { BaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryAttempts = 3, AttemptTimeout = TimeSpan.FromSeconds(5) };

        public TransportTests() => _server = SandboxServer.Start(0, new[] { _service });

        public void Dispose() => _server.Dispose();

        private ApiTransport Transport() => new(_server.BaseUri, _protocol, _settings);

        private static ApiRequest Get(string path = "/scripted/x", RetryScope retry = RetryScope.Always) =>
            new(HttpMethod.Post, path, "POST x") { Body = Encoding.UTF8.GetBytes("{\"a\":1}"), Retry = retry };

        private int Sent(string path = "/scripted/x") => _server.Journal.Count(r => r.Path == path);

        [Fact]
        public async Task Retries_transient_server_errors_then_returns_the_success()
        {
            _service.Then(r => SandboxResponse.Json(503, new JsonObject { ["code"] = 2200, ["msg"] = "internal" }));
            _service.Then(r => SandboxResponse.Json(400, new JsonObject { ["code"] = 1395001, ["msg"] = "try later" }));
            using var transport = Transport();

            var response = await transport.SendAsync(Get(), null, CancellationToken.None);

            Assert.Equal(200, response.Status);
            Assert.Equal(3, Sent());
        }

        [Fact]
        public async Task Gives_up_after_the_configured_attempts_with_the_server_code()
        {
            _service.Default = r => SandboxResponse.Json(500, new JsonObject { ["code"] = 1395001, ["msg"] = "try later" });
            using var transport = Transport();

            var ex = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), null, CancellationToken.None));

            Assert.Equal(1395001, ex.Code);
            Assert.Equal(500, ex.HttpStatus);
            Assert.StartsWith("sandbox", ex.LogId);
            Assert.Equal(1 + _settings.MaxRetryAttempts, Sent());
        }

        [Fact]
        public async Task Permanent_errors_are_not_retried()
        {
            _service.Default = r => SandboxResponse.Json(400, new JsonObject { ["code"] = 1390001, ["msg"] = "param is invalid" });
            using var transport = Transport();

            var ex = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), null, CancellationToken.None));

            Assert.Equal("Rejected1390001", ex.ErrorId);
            Assert.Contains("param is invalid", ex.Message);
            Assert.Equal(1, Sent());
        }

        [Fact]
        public async Task Honours_the_rate_limit_reset_header()
        {
            _service.Then(r => _service.RateLimited(r));
            var log = new ListLog();
            using var transport = Transport();

            await transport.SendAsync(Get(), log, CancellationToken.None);

            var requests = _server.Journal.Where(r => r.Path == "/scripted/x").ToList();
            Assert.Equal(2, requests.Count);
            Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900), "the retry came before the server's reset time");
            Assert.Contains(log.DebugLines, l => l.Contains("retrying in 1000 ms (as the server asked)"));
        }

        [Fact]
        public async Task A_rejected_token_is_dropped_refetched_and_the_request_replayed_once()
        {
            _service.Then(r => SandboxResponse.Json(400, new JsonObject { ["code"] = 99991663, ["msg"] = "Invalid access token" }));
            using var transport = Transport();

            await transport.SendAsync(Get(), null, CancellationToken.None);

            var auth = _server.Journal.Where(r => r.Path == "/scripted/x").Select(r => r.Header("Authorization")).ToList();
            Assert.Equal(new[] { "Bearer t-scripted-token-1", "Bearer t-scripted-token-2" }, auth);
        }

        [Fact]
        public async Task A_token_rejected_twice_fails_instead_of_looping()
        {
            _service.Default = r => SandboxResponse.Json(400, new JsonObject { ["code"] = 99991663, ["msg"] = "Invalid access token" });
            using var transport = Transport();

            var ex = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), null, CancellationToken.None));

            Assert.Equal(ErrorKind.Authentication, ex.Kind);
            Assert.Equal(2, Sent());
        }

        [Fact]
        public async Task A_non_idempotent_write_whose_connection_dropped_is_reported_not_replayed()
        {
            _server.Faults("scripted").DropNext(1);
            using var transport = Transport();

            var ex = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(retry: RetryScope.OnlyIfNotProcessed), null, CancellationToken.None));

            Assert.Equal(ErrorKind.OutcomeUnknown, ex.Kind);
            Assert.Equal("OutcomeUnknown", ex.ErrorId);
            Assert.Equal(1, Sent());
        }

        [Fact]
        public async Task An_idempotent_request_whose_connection_dropped_is_retried()
        {
            _server.Faults("scripted").DropNext(1);
            using var transport = Transport();

            var response = await transport.SendAsync(Get(), null, CancellationToken.None);

            Assert.Equal(200, response.Status);
            Assert.Equal(2, Sent());
        }

        [Fact]
        public async Task A_non_idempotent_write_is_retried_after_a_429_because_the_server_did_not_act()
        {
            _server.Faults("scripted").RateLimitNext(1);
            _settings = _settings with { MaxServerDelay = TimeSpan.FromMilliseconds(50) };
            using var transport = Transport();

            await transport.SendAsync(Get(retry: RetryScope.OnlyIfNotProcessed), null, CancellationToken.None);

            Assert.Equal(2, Sent());
        }

        [Fact]
        public async Task Each_attempt_has_its_own_timeout()
        {
            _server.Faults("scripted").Latency = TimeSpan.FromSeconds(3);
            _settings = _settings with { AttemptTimeout = TimeSpan.FromMilliseconds(200), MaxRetryAttempts = 1 };
            using var transport = Transport();

            var ex = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), null, CancellationToken.None));

            Assert.Equal("RequestTimedOut", ex.ErrorId);
            Assert.Equal(ErrorKind.Timeout, ex.Kind);
            Assert.Contains("POST x timed out (each of 2 attempts: no answer in 0.2 s)", ex.Message);
            Assert.DoesNotContain("POST POST", ex.Message);
        }

        [Fact]
        public async Task One_deadline_covers_every_attempt_of_a_request_that_never_gets_an_answer()
        {
            var plan = _server.Faults("scripted");
            plan.HangFor = TimeSpan.FromSeconds(30);
            plan.HangNext(100);
            _settings = _settings with { AttemptTimeout = TimeSpan.FromSeconds(20), RequestTimeout = TimeSpan.FromMilliseconds(700), MaxRetryAttempts = 5 };
            using var transport = Transport();

            var ex = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), null, CancellationToken.None));

            Assert.Equal("RequestTimedOut", ex.ErrorId);
            Assert.Equal(ErrorKind.Timeout, ex.Kind);
            Assert.Contains("POST x had no usable answer within its 0.7 s deadline (1 attempt: cut off at the deadline)", ex.Message);
            Assert.Equal(1, Sent());
        }

        [Fact]
        public async Task Attempts_that_failed_differently_are_each_named()
        {
            _service.Then(r => SandboxResponse.Json(503, new JsonObject { ["code"] = 2200, ["msg"] = "internal" }));
            _server.Faults("scripted").HangFor = TimeSpan.FromSeconds(30);
            _service.Then(r => { _server.Faults("scripted").HangNext(1); return SandboxResponse.Json(500, new JsonObject { ["code"] = 5000, ["msg"] = "internal" }); });
            // The window must hold the two quick answers even on a loaded machine (300 ms did not, at load 16).
            _settings = _settings with { AttemptTimeout = TimeSpan.FromSeconds(2), MaxRetryAttempts = 2 };
            using var transport = Transport();

            var ex = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), null, CancellationToken.None));

            Assert.Contains("3 attempts: HTTP 503, code 2200; HTTP 500, code 5000; no answer in 2 s", ex.Message);
            Assert.DoesNotContain("every attempt", ex.Message);
        }

        [Fact]
        public async Task Cancellation_stops_a_slow_request_promptly()
        {
            _server.Faults("scripted").Latency = TimeSpan.FromSeconds(20);
            using var transport = Transport();
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var watch = Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.SendAsync(Get(), null, stop.Token));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "cancellation waited for the slow server");
        }

        [Fact]
        public async Task An_unreachable_server_names_the_host()
        {
            var port = _server.BaseUri.Port;
            _server.Dispose();
            _settings = _settings with { MaxRetryAttempts = 1 };
            using var transport = Transport();

            var ex = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), null, CancellationToken.None));

            Assert.Equal("ServiceUnreachable", ex.ErrorId);
            Assert.Equal(ErrorKind.ConnectionError, ex.Kind);
            Assert.Contains("127.0.0.1:" + port, ex.Message);
        }

        [Fact]
        public async Task After_an_outage_is_seen_the_remaining_requests_fail_fast_without_being_sent()
        {
            _server.Faults("scripted").Outage = true;
            using var transport = Transport();

            var errors = new List<ApiException>();
            for (var i = 0; i < 30; i++) errors.Add(await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), null, CancellationToken.None)));

            // Ten failed attempts (the breaker's minimum) reached the server; everything after was refused locally.
            Assert.Equal(_settings.BreakMinimumAttempts, Sent());
            Assert.Equal(28, errors.Count(e => e.ErrorId == "CircuitOpen"));   // the third request met the breaker on its third attempt
            var open = errors.Last();
            Assert.Equal(ErrorKind.ConnectionError, open.Kind);
            Assert.Contains("FeishuApproval: " + _server.BaseUri.GetLeftPart(UriPartial.Authority) + " is not answering", open.Message);
            Assert.Matches(@"tries again at \d\d:\d\d:\d\d UTC \(in 1[45] s\)", open.Message);
            Assert.InRange(open.RetryAfter!.Value, TimeSpan.FromSeconds(13), _settings.BreakDuration);
        }

        [Fact]
        public async Task When_the_server_is_back_after_the_break_one_probe_resumes_the_run()
        {
            var plan = _server.Faults("scripted");
            plan.Outage = true;
            var log = new ListLog();
            // Long enough that the request right after the outage still meets the open breaker on a loaded machine.
            _settings = _settings with { BreakDuration = TimeSpan.FromSeconds(3) };
            using var transport = Transport();
            for (var i = 0; i < 4; i++) await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), log, CancellationToken.None));
            var sentWhileDown = Sent();

            plan.Outage = false;
            var stillOpen = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), log, CancellationToken.None));
            await Task.Delay(_settings.BreakDuration + TimeSpan.FromMilliseconds(100));   // the break runs on the real clock
            for (var i = 0; i < 5; i++) Assert.Equal(200, (await transport.SendAsync(Get(), log, CancellationToken.None)).Status);

            Assert.Equal("CircuitOpen", stillOpen.ErrorId);
            Assert.Equal(sentWhileDown + 5, Sent());
            Assert.Contains(log.Lines, l => l.Contains("looks down"));
            Assert.Contains(log.Lines, l => l.Contains("answers again; resuming"));
        }

        [Fact]
        public async Task Rate_limits_and_rejections_do_not_open_the_breaker()
        {
            _service.Default = r => SandboxResponse.Json(400, new JsonObject { ["code"] = 1390001, ["msg"] = "param is invalid" });
            using var transport = Transport();

            for (var i = 0; i < 25; i++)
            {
                var ex = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(Get(), null, CancellationToken.None));
                Assert.Equal("Rejected1390001", ex.ErrorId);
            }

            Assert.Equal(25, Sent());

            // A 429 proves the server is alive: requests that ran out of attempts on 429s do not open the breaker either.
            _service.Default = r => SandboxResponse.Json(429, new JsonObject { ["code"] = 99991400, ["msg"] = "limit" }).WithHeader("x-ogw-ratelimit-reset", "0");
            using var fresh = Transport();
            for (var i = 0; i < 5; i++)
            {
                var ex = await Assert.ThrowsAsync<ApiException>(() => fresh.SendAsync(Get(), null, CancellationToken.None));
                Assert.Equal("RateLimited", ex.ErrorId);
            }
            Assert.Equal(25 + 5 * (1 + _settings.MaxRetryAttempts), Sent());
        }

        [Fact]
        public async Task Verbose_is_one_line_per_request_and_debug_adds_headers_and_bodies_but_never_the_token()
        {
            var log = new ListLog();
            using var transport = Transport();
            var request = Get();
            request.Body = Encoding.UTF8.GetBytes("{\"app_secret\":\"do-not-print-me\",\"x\":1}");

            await transport.SendAsync(request, log, CancellationToken.None);

            var line = Assert.Single(log.Lines);
            Assert.Matches(@"^\w+: POST /scripted/x -> HTTP 200 in \d+ ms", line);
            Assert.DoesNotContain("\"x\":1", line);
            var debug = string.Join("\n", log.DebugLines);
            Assert.Contains("> POST " + _server.BaseUri + "scripted/x", debug);
            Assert.Contains("\"x\":1", debug);
            Assert.Contains("< HTTP 200", debug);
            Assert.Contains("Authorization: ***", debug);
            var all = string.Join("\n", log.Lines.Concat(log.DebugLines));
            Assert.DoesNotContain("do-not-print-me", all);
            Assert.DoesNotContain("t-scripted-token", all);
        }

        [Fact]
        public async Task Nothing_is_formatted_when_neither_stream_is_on()
        {
            var log = new ListLog { IsVerboseEnabled = false, IsDebugEnabled = false };
            using var transport = Transport();

            await transport.SendAsync(Get(), log, CancellationToken.None);

            Assert.Empty(log.Lines);
            Assert.Empty(log.DebugLines);
        }

        [Fact]
        public async Task The_transport_waits_for_the_endpoint_limiter_before_each_send()
        {
            // The limiter's rule (never more than N in any window) is proven on made-up times in RateScheduleTests; this
            // checks that every send goes through it. 25 sends at 10/s cannot all start before two windows have passed,
            // however fast or slow the machine is: a lower bound, which load can only lengthen, never a speed figure.
            _settings = _settings with { EndpointLimits = new Dictionary<string, RateLimit> { ["POST x"] = new RateLimit(10) } };
            using var transport = Transport();
            var clock = Stopwatch.StartNew();

            await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => transport.SendAsync(Get(), null, CancellationToken.None)));

            Assert.Equal(25, _server.Journal.Count(r => r.Path == "/scripted/x"));
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"25 sends at 10/s finished after {clock.Elapsed.TotalMilliseconds:0} ms: the limiter was bypassed");
        }
    }
}
