using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using ApprovalTools.Sandbox;
using Xunit;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Tests.BatchApproval
{
    /// <summary>The simulator's wire behaviour, with a plain HttpClient (no Core code involved).</summary>
    public sealed class BatchSandboxTests : IDisposable
    {
        private const string Token = "sandbox-wire-token";
        private readonly SandboxHost _sandbox = SandboxHost.Start(new SandboxSettings { BatchToken = Token });
        private readonly HttpClient _http = new();

        public void Dispose()
        {
            _http.Dispose();
            _sandbox.Dispose();
        }

        private async Task<(HttpStatusCode Status, JsonNode? Body)> Send(HttpMethod method, string pathAndQuery, string? body = null, string? token = Token)
        {
            using var request = new HttpRequestMessage(method, new Uri(_sandbox.BaseUri, pathAndQuery));
            if (token != null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, JsonNode.Parse(text));
        }

        private static string Array(int count) => new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode?)JsonValue.Create("t" + i)).ToArray()).ToJsonString();

        [Fact]
        public async Task More_than_200_ids_is_a_clear_400_on_both_posts()
        {
            foreach (var path in new[] { "_check", "_submit" })
            {
                var (status, body) = await Send(HttpMethod.Post, "batch_approvals/" + path + "?user_id=u", Array(201));

                Assert.Equal(HttpStatusCode.BadRequest, status);
                Assert.Contains("at most 200", (string)body!["msg"]!);
            }
            Assert.Empty(_sandbox.Batch.Batches);
        }

        [Fact]
        public async Task Missing_user_id_and_missing_token_are_refused()
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Send(HttpMethod.Post, "batch_approvals/_check", Array(1))).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "batch_approvals/_check?user_id=u", Array(1), token: null)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "batch_approvals/_check?user_id=u", Array(1), token: "wrong")).Status);
        }

        [Fact]
        public async Task Check_takes_a_bare_array_or_a_task_ids_object_and_answers_by_position()
        {
            _sandbox.Batch.Unsupported["t1"] = "未开启reason";

            var bare = await Send(HttpMethod.Post, "batch_approvals/_check?user_id=u", Array(2));
            var wrapped = await Send(HttpMethod.Post, "batch_approvals/_check?user_id=u", "{\"task_ids\":" + Array(2) + "}");

            foreach (var (status, body) in new[] { bare, wrapped })
            {
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal("[{\"supported\":true},{\"supported\":false,\"reason\":\"未开启reason\"}]", body!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
        }

        [Fact]
        public async Task A_submitted_batch_is_processed_over_time_with_its_failures()
        {
            var now = DateTimeOffset.UtcNow;
            _sandbox.Batch.Clock = () => now;
            _sandbox.Batch.TasksPerSecond = 2;
            var (_, submitted) = await Send(HttpMethod.Post, "batch_approvals/_submit?user_id=u", "[\"a\",\"closed-b\",\"c\",\"d\"]");
            var number = (string)submitted!["batch_number"]!;

            now += TimeSpan.FromSeconds(1);
            var (_, half) = await Send(HttpMethod.Get, "batch_approvals/_submit?user_id=u&batch_number=" + number);
            now += TimeSpan.FromSeconds(5);
            var (_, done) = await Send(HttpMethod.Get, "batch_approvals/_submit?user_id=u&batch_number=" + number);

            Assert.Equal(32, number.Length);
            Assert.Equal(4, (int)half!["total"]!);
            Assert.Equal(2, (int)half["processed"]!);
            Assert.Equal("[\"closed-b\"]", half["failed_tasks"]!.ToJsonString());
            Assert.Equal(4, (int)done!["processed"]!);
            Assert.Equal(number, (string)done["batch_number"]!);
        }

        [Fact]
        public async Task Progress_of_another_users_batch_or_an_unknown_number_is_an_error()
        {
            var (_, submitted) = await Send(HttpMethod.Post, "batch_approvals/_submit?user_id=u", "[\"a\"]");
            var number = (string)submitted!["batch_number"]!;

            var other = await Send(HttpMethod.Get, "batch_approvals/_submit?user_id=v&batch_number=" + number);
            var unknown = await Send(HttpMethod.Get, "batch_approvals/_submit?user_id=u&batch_number=nope");
            var missing = await Send(HttpMethod.Get, "batch_approvals/_submit?user_id=u");

            Assert.Equal(HttpStatusCode.Forbidden, other.Status);
            Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
            Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        }

        [Fact]
        public async Task A_task_submitted_twice_fails_the_second_time_because_it_is_no_longer_open()
        {
            await Send(HttpMethod.Post, "batch_approvals/_submit?user_id=u", "[\"a\"]");
            await Send(HttpMethod.Post, "batch_approvals/_submit?user_id=u", "[\"a\"]");

            var batches = _sandbox.Batch.Batches;
            Assert.Empty(batches[0].Failing);
            Assert.Contains("a", batches[1].Failing);
        }
    }
}
