using System.Text;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Http;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    /// <summary>The one reading of Retry-After / x-ogw-ratelimit-reset, and the cap the transport puts on it.</summary>
    public sealed class RetryAfterTests
    {
        private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        private static ApiResponse With(params (string Name, string Value)[] headers) =>
            new(429, Array.Empty<byte>(), headers.ToDictionary(h => h.Name.ToLowerInvariant(), h => h.Value));

        [Fact]
        public void Seconds_and_an_HTTP_date_are_both_read()
        {
            Assert.Equal(TimeSpan.FromSeconds(1.5), RetryAfter.From(With(("Retry-After", "1.5")), Now));
            Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.From(With(("Retry-After", "Thu, 01 Jan 2026 12:00:30 GMT")), Now));
            Assert.Equal(TimeSpan.Zero, RetryAfter.From(With(("Retry-After", "Thu, 01 Jan 2026 11:59:00 GMT")), Now));
            Assert.Null(RetryAfter.From(With(("Retry-After", "soon")), Now));
            Assert.Null(RetryAfter.From(With(("Retry-After", "-3")), Now));
            Assert.Null(RetryAfter.From(With(), Now));
        }

        [Fact]
        public void Of_Retry_After_and_the_Feishu_reset_header_the_longer_wait_wins()
        {
            Assert.Equal(TimeSpan.FromSeconds(4), RetryAfter.From(With(("Retry-After", "2"), ("x-ogw-ratelimit-reset", "4")), Now));
            Assert.Equal(TimeSpan.FromSeconds(5), RetryAfter.From(With(("Retry-After", "5"), ("x-ogw-ratelimit-reset", "4")), Now));
            Assert.Equal(TimeSpan.FromSeconds(4), RetryAfter.From(With(("x-ogw-ratelimit-reset", "4")), Now));
        }

        [Fact]
        public async Task A_server_wait_longer_than_MaxServerDelay_is_cut_to_it_and_the_request_retried()
        {
            var service = new ScriptedService();
            using var server = SandboxServer.Start(0, new[] { service });
            service.Then(_ => SandboxResponse.Json(429, new JsonObject { ["code"] = 99991400, ["msg"] = "slow down" }).WithHeader("Retry-After", "3600"));
            var settings = new ResilienceSettings { MaxRetryAttempts = 1, MaxServerDelay = TimeSpan.FromMilliseconds(20), BaseDelay = TimeSpan.FromMilliseconds(1) };
            using var transport = new ApiTransport(server.BaseUri, new ScriptedProtocol(), settings);
            var log = new ListLog();

            var response = await transport.SendAsync(new ApiRequest(HttpMethod.Post, "scripted/x", "POST x") { Body = Encoding.UTF8.GetBytes("{}") }, log, CancellationToken.None);

            Assert.Equal(200, response.Status);
            Assert.Equal(2, server.Journal.Count(r => r.Path == "/scripted/x"));
            Assert.Contains(log.Lines.Concat(log.DebugLines), l => l.Contains("retrying in 20 ms", StringComparison.Ordinal));
        }
    }
}
