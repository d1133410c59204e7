using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.BatchApproval.Json;
using ApprovalTools.Core.Http;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.BatchApproval
{
    /// <summary>The client against a scripted server: answers the sandbox would never give.</summary>
    public sealed class BatchClientTests : IDisposable
    {
        private readonly ScriptedService _service = new();
        private readonly SandboxServer _server;
        private readonly BatchApprovalConnection _connection;

        public BatchClientTests()
        {
            _server = SandboxServer.Start(0, new[] { _service });
            _connection = BatchConnect.Create(_server.BaseUri + "scripted", new Secret("scripted-token-xyz"),
                settings: new ResilienceSettings { BaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryAttempts = 2, MaxServerDelay = TimeSpan.FromSeconds(5) });
        }

        public void Dispose()
        {
            _connection.Dispose();
            _server.Dispose();
        }

        private BatchApprovalClient Client => _connection.Client;

        private static SandboxResponse Raw(int status, string body) => SandboxResponse.Text(status, body);

        [Fact]
        public async Task More_than_200_ids_are_refused_before_anything_is_sent()
        {
            var ids = BatchHarness.TaskIds(201);

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client.SubmitAsync("u", ids, null, CancellationToken.None));

            Assert.Contains("at most 200", ex.Message);
            Assert.Empty(_server.Journal);
        }

        [Fact]
        public async Task Requests_go_under_the_base_path_with_an_escaped_user_id_and_a_bare_array_body()
        {
            _service.Then(r => Raw(200, "[{\"supported\":true}]"));

            await Client.CheckAsync("ou 1&x", new[] { "a" }, null, CancellationToken.None);

            var request = Assert.Single(_server.Journal);
            Assert.Equal("/scripted/batch_approvals/_check", request.Path);
            Assert.Equal("ou 1&x", request.QueryValue("user_id"));
            Assert.Equal("[\"a\"]", request.BodyText);
        }

        [Fact]
        public async Task A_2xx_answer_that_is_not_the_documented_json_is_invalid_data()
        {
            _service.Then(r => Raw(200, "<html>login</html>"));

            var ex = await Assert.ThrowsAsync<ApiException>(() => Client.CheckAsync("u", new[] { "a" }, null, CancellationToken.None));

            Assert.Equal("BatchUnexpectedAnswer", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, ex.Kind);
        }

        [Fact]
        public async Task A_check_entry_without_supported_is_invalid_data()
        {
            _service.Then(r => Raw(200, "[{\"reason\":\"x\"}]"));

            var ex = await Assert.ThrowsAsync<ApiException>(() => Client.CheckAsync("u", new[] { "a" }, null, CancellationToken.None));

            Assert.Contains("supported", ex.Message);
        }

        [Fact]
        public async Task A_submit_answer_without_batch_number_is_an_unknown_outcome()
        {
            _service.Then(r => Raw(200, "{}"));

            var ex = await Assert.ThrowsAsync<ApiException>(() => Client.SubmitAsync("u", new[] { "a" }, null, CancellationToken.None));

            Assert.Equal(ErrorKind.OutcomeUnknown, ex.Kind);
            Assert.Single(_server.Journal);
        }

        [Fact]
        public async Task Rate_limits_honour_retry_after_on_reads()
        {
            _service.Then(r => Raw(429, "{\"msg\":\"slow down\"}").WithHeader("Retry-After", "1"));
            _service.Then(r => Raw(200, "{\"batch_number\":\"n\",\"total\":\"2\",\"processed\":1,\"failed_tasks\":null}"));

            var progress = await Client.GetProgressAsync("u", "n", null, CancellationToken.None);

            var times = _server.Journal.Select(r => r.ReceivedAt).ToList();
            Assert.Equal(2, times.Count);
            Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(900), "the retry came before Retry-After");
            Assert.Equal(2, progress.Total);
            Assert.Empty(progress.FailedTasks);
        }

        [Fact]
        public async Task A_bad_request_is_permanent_and_carries_the_servers_message()
        {
            _service.Then(r => Raw(400, "{\"message\":\"user_id invalid\"}"));

            var ex = await Assert.ThrowsAsync<ApiException>(() => Client.GetProgressAsync("u", "n", null, CancellationToken.None));

            Assert.Equal("BatchRequestRejected", ex.ErrorId);
            Assert.Contains("user_id invalid", ex.Message);
            Assert.Single(_server.Journal);
        }

        [Fact]
        public async Task Forbidden_is_permission_denied_and_not_retried()
        {
            _service.Default = r => Raw(403, "forbidden");

            var ex = await Assert.ThrowsAsync<ApiException>(() => Client.CheckAsync("u", new[] { "a" }, null, CancellationToken.None));

            Assert.Equal(ErrorKind.PermissionDenied, ex.Kind);
            Assert.Contains("forbidden", ex.Message);
            Assert.Single(_server.Journal);
        }

        [Fact]
        public void Failed_tasks_are_read_as_strings_or_objects()
        {
            var json = "{\"batch_number\":\"n\",\"total\":3,\"processed\":3,\"failed_tasks\":[\"a\",{\"task_id\":\"b\",\"reason\":\"deleted\"}]}";

            var progress = JsonSerializer.Deserialize(json, BatchApprovalJsonContext.Default.BatchProgress)!;

            Assert.Equal(new[] { "a", "b" }, progress.FailedTasks.Select(t => t.TaskId));
            Assert.Equal("deleted", progress.FailedTasks[1].Reason);
        }
    }
}
