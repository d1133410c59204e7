using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Raw;
using ApprovalTools.Sandbox.Approval;
using ApprovalTools.Tests.Approval;
using ApprovalTools.Tests.Project;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    /// <summary>Invoke-ApprovalToolsRequest's Core operation over HTTP against the sandbox, for each of the three services.</summary>
    public sealed class RawRequestTests : ApprovalTestBase
    {
        private static RecordingSink Send(Core.Connections.ServiceConnection connection, RawRequest request, bool confirm = true)
        {
            var sink = new RecordingSink { ProcessAnswer = _ => confirm };
            new RawRequestOperation(connection, sink).Process(request);
            return sink;
        }

        private static RawRequest Check(string instanceId) => new("POST", ApprovalService.CheckPath)
        {
            Body = new Dictionary<string, object?>
            {
                ["instances"] = new List<object?> { new Dictionary<string, object?> { ["instance_id"] = instanceId, ["update_time"] = "1700000000000", ["tasks"] = new List<object?>() } },
            },
        };

        [Fact]
        public void A_POST_to_the_Feishu_check_endpoint_asks_first_and_emits_the_envelope_s_data()
        {
            var sink = Send(Connection, Check("raw-1"));

            Assert.Empty(sink.Errors);
            var (target, _) = Assert.Single(sink.ShouldProcessCalls);
            Assert.Equal("POST open-apis/approval/v4/external_instances/check", target);
            var data = Assert.IsType<JsonElement>(Assert.Single(sink.Emitted));
            Assert.Equal("raw-1", data.GetProperty("diff_instances")[0].GetProperty("instance_id").GetString());
            Assert.False(data.TryGetProperty("code", out _));
            var sent = (JsonObject)Sandbox.Server.Journal.Single(r => r.Path == ApprovalService.CheckPath).Json()!;
            Assert.Equal("raw-1", (string?)sent["instances"]![0]!["instance_id"]);
            Assert.Contains(sink.VerboseLines, l => l.Contains("POST /open-apis/approval/v4/external_instances/check -> HTTP 200", StringComparison.Ordinal));
        }

        [Fact]
        public void A_declined_write_sends_nothing_and_a_GET_never_asks()
        {
            _ = Connection;
            var before = Sandbox.Server.Journal.Count;
            var declined = Send(Connection, Check("raw-2"), confirm: false);
            Assert.Empty(declined.Emitted);
            Assert.Equal(before, Sandbox.Server.Journal.Count);

            var read = Send(Connection, new RawRequest("get", "open-apis/approval/v4/external_approvals/unknown-code"), confirm: false);
            Assert.Empty(read.ShouldProcessCalls);
            Assert.Equal(before + 1, Sandbox.Server.Journal.Count);
        }

        [Fact]
        public void An_error_envelope_is_one_error_with_the_service_s_code_the_request_as_target_and_no_secret()
        {
            var request = new RawRequest("GET", "/open-apis/approval/v4/external_approvals/no-such-code");
            var sink = Send(Connection, request);

            Assert.Empty(sink.Emitted);
            var error = Assert.Single(sink.Errors);
            Assert.Same(request, error.Target);
            var api = Assert.IsType<ApiException>(error.Exception);
            Assert.Equal(ServiceKind.FeishuApproval, api.Service);
            Assert.NotEqual(0, api.Code);
            Assert.Equal(api.ErrorId, error.ErrorId);
            Assert.Contains("GET open-apis/approval/v4/external_approvals/no-such-code failed", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(AppSecret, error.Message + string.Join("\n", sink.VerboseLines), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("https://evil.example/open-apis/x")]
        [InlineData("//evil.example/open-apis/x")]
        [InlineData("http:open-apis")]
        [InlineData("/open-apis/../auth/v3/tenant_access_token/internal")]
        [InlineData("./open-apis/x")]
        [InlineData("open-apis/approval/.")]
        [InlineData("open-apis/approval/v4/external_approvals?x=1")]
        [InlineData("open-apis/approval#x")]
        [InlineData("open-apis/%2e%2e/x")]
        [InlineData("open-apis\\..\\x")]
        [InlineData("open-apis//x")]
        [InlineData("   ")]
        public void A_path_that_could_leave_the_endpoint_is_refused_naming_Path_and_nothing_is_sent(string path)
        {
            _ = Connection;
            var before = Sandbox.Server.Journal.Count;
            var request = new RawRequest("GET", path);
            var sink = Send(Connection, request);

            var error = Assert.Single(sink.Errors);
            Assert.Equal("RawRequestInvalid", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Contains("-Path", error.Message, StringComparison.Ordinal);
            Assert.Same(request, error.Target);
            Assert.Empty(sink.ShouldProcessCalls);
            Assert.Equal(before, Sandbox.Server.Journal.Count);
        }

        [Theory]
        [InlineData("TRACE", "-Method")]
        [InlineData("{ not json", "-Body")]
        public void A_bad_method_or_body_is_refused_naming_it(string methodOrBody, string named)
        {
            var request = named == "-Method" ? new RawRequest(methodOrBody, "open-apis/x") : new RawRequest("POST", "open-apis/x") { Body = methodOrBody };
            var error = Assert.Single(Send(Connection, request).Errors);
            Assert.Equal("RawRequestInvalid", error.ErrorId);
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Bodies_and_queries_are_written_as_JSON_and_escaped()
        {
            var api = new RawRequest("post", "/open-apis/a b")
            {
                Body = new Dictionary<string, object?> { ["n"] = 3L, ["ok"] = true, ["d"] = 1.5, ["none"] = null, ["list"] = new object?[] { "x", new Dictionary<string, object?> { ["y"] = 1 } } },
                Query = { new("user id", "a&b=c"), new("ids", new[] { "1", "2" }) },
            }.ToApiRequest(ServiceKind.FeishuApproval);

            Assert.Equal("open-apis/a%20b?user%20id=a%26b%3Dc&ids=1&ids=2", api.PathAndQuery);
            Assert.Equal("{\"n\":3,\"ok\":true,\"d\":1.5,\"none\":null,\"list\":[\"x\",{\"y\":1}]}", System.Text.Encoding.UTF8.GetString(api.Body!));
            Assert.Equal(RetryScope.OnlyIfNotProcessed, api.Retry);
            Assert.Equal(RetryScope.Always, new RawRequest("PUT", "x").ToApiRequest(ServiceKind.FeishuApproval).Retry);
            Assert.Equal("{\"a\":[1]}", System.Text.Encoding.UTF8.GetString(new RawRequest("PATCH", "x") { Body = "{\"a\":[1]}" }.ToApiRequest(ServiceKind.FeishuApproval).Body!));
        }

        [Fact]
        public void The_batch_API_has_no_envelope_so_its_whole_answer_is_the_data()
        {
            using var batch = BatchConnect.Create(Sandbox.BaseUri.ToString(), isSandbox: true);
            var submitted = Send(batch, new RawRequest("POST", "/batch_approvals/_submit") { Query = { new("user_id", "u1") }, Body = new[] { "t-1", "t-2" } });
            Assert.Empty(submitted.Errors);
            var number = Assert.IsType<JsonElement>(Assert.Single(submitted.Emitted)).GetProperty("batch_number").GetString();

            var progress = Send(batch, new RawRequest("GET", "batch_approvals/_submit") { Query = { new("user_id", "u1"), new("batch_number", number) } });

            Assert.Empty(progress.Errors);
            Assert.Equal(2, Assert.IsType<JsonElement>(Assert.Single(progress.Emitted)).GetProperty("total").GetInt32());
            var checks = Send(batch, new RawRequest("POST", "batch_approvals/_check") { Query = { new("user_id", "u1") }, Body = new[] { "t-3", "t-4" } });
            Assert.Equal(2, checks.Emitted.Count);
        }

        [Fact]
        public void A_Feishu_Project_workflow_query_goes_through_the_plugin_token_pipeline()
        {
            using var project = new ProjectHarness();
            project.Item("31");
            var sink = Send(project.Connection, new RawRequest("POST", "/open_api/p/work_item/story/31/workflow/query") { Body = new Dictionary<string, object?> { ["flow_type"] = 0 } });

            Assert.Empty(sink.Errors);
            var data = Assert.IsType<JsonElement>(Assert.Single(sink.Emitted));
            Assert.Equal("start", data.GetProperty("workflow_nodes")[0].GetProperty("id").GetString());
            var sent = project.Sandbox.Server.Journal.Single(r => r.Path.EndsWith("/workflow/query", StringComparison.Ordinal));
            Assert.True(sent.Headers.ContainsKey("X-PLUGIN-TOKEN"));
        }
    }
}
