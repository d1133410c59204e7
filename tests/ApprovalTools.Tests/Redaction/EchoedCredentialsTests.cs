using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Project.Operations;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Tests.Approval;
using ApprovalTools.Tests.Project;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Redaction
{
    /// <summary>
    /// A hostile server: every error it sends repeats the request's headers and body (so the secret, the token and the
    /// custom header values) in its message, its JSON and a response header. Whatever reaches an exception, a verbose or a
    /// debug line must come out masked, for all three services. Each test also checks the echo arrived (the mask is
    /// there), so it cannot pass because nothing was echoed.
    /// </summary>
    public sealed class EchoedCredentialsTests : IDisposable
    {
        private const string AppSecret = "echo-app-secret-value-1";
        private const string TenantToken = "t-echo-tenant-token-0001";
        private const string PluginSecret = "echo-plugin-secret-value-2";
        private const string PluginToken = "p-echo-plugin-token-0002";
        private const string BatchToken = "echo-batch-bearer-token-3";
        private const string ApiKey = "echo-batch-api-key-value-4";
        private static readonly string[] Secrets = { AppSecret, TenantToken, PluginSecret, PluginToken, BatchToken, ApiKey };

        private readonly ScriptedService _service = new();
        private readonly SandboxServer _server;
        private readonly ResilienceSettings _fast = new() { MaxRetryAttempts = 0, BaseDelay = TimeSpan.FromMilliseconds(1) };

        public EchoedCredentialsTests() => _server = SandboxServer.Start(0, new[] { _service });

        public void Dispose() => _server.Dispose();

        private Uri BaseUri => new(_server.BaseUri, "scripted/");

        /// <summary>Every request header and the body, as a careless server would quote them.</summary>
        private static string Echo(SandboxRequest request) =>
            "echo: " + string.Join("; ", request.Headers.Select(h => h.Key + "=" + h.Value)) + " body=" + request.BodyText;

        private static SandboxResponse WithEchoHeader(SandboxResponse response, SandboxRequest request) =>
            response.WithHeader("x-echo", Echo(request).Replace("\r", " ").Replace("\n", " ")).WithHeader("x-tt-logid", "echo-log");

        private static void AssertMasked(string shown)
        {
            Assert.Contains("echo:", shown);
            Assert.Contains(Redactor.Mask, shown);
            foreach (var secret in Secrets) Assert.DoesNotContain(secret, shown);
        }

        private static string Shown(Exception? ex, ListLog log) =>
            (ex?.ToString() ?? string.Empty) + "\n" + string.Join("\n", log.Lines) + "\n" + string.Join("\n", log.DebugLines);

        [Fact]
        public async Task Feishu_token_request_echoing_the_app_secret_is_masked()
        {
            _service.Default = r => WithEchoHeader(SandboxResponse.Json(400, new JsonObject { ["code"] = 10014, ["msg"] = Echo(r) }), r);

            var ex = await Assert.ThrowsAsync<ApiException>(() => Connector.ConnectAsync(Feishu(), CancellationToken.None));

            Assert.Equal(ConnectionErrors.CredentialsRejected, ex.ErrorId);
            AssertMasked(ex.ToString());
        }

        [Fact]
        public void Feishu_create_echoing_the_tenant_token_is_masked_in_the_error_and_the_logs()
        {
            _service.Default = r => r.Path.EndsWith("tenant_access_token/internal", StringComparison.Ordinal)
                ? SandboxResponse.Json(200, new JsonObject { ["code"] = 0, ["tenant_access_token"] = TenantToken, ["expire"] = 7200 })
                : WithEchoHeader(SandboxResponse.Json(400, new JsonObject { ["code"] = 1390001, ["msg"] = Echo(r) }), r);
            using var connection = Connector.Create(Feishu());
            var sink = new RecordingSink();
            var op = new SyncExternalInstanceOperation(connection, sink);

            op.Process(ApprovalTestBase.Instance("echo-1", ApprovalTestBase.T));
            op.Complete();

            var error = Assert.Single(sink.Errors);
            AssertMasked(error.Message + error.Exception + string.Join("\n", sink.VerboseLines) + string.Join("\n", sink.DebugLines));
        }

        [Fact]
        public async Task Feishu_Project_token_and_operate_echoes_are_masked()
        {
            _service.Default = r => WithEchoHeader(SandboxResponse.Json(400, new JsonObject { ["error"] = new JsonObject { ["code"] = 10204, ["msg"] = Echo(r) } }), r);
            var tokenError = await Assert.ThrowsAsync<ApiException>(() => Connector.ConnectAsync(Project(), CancellationToken.None));
            AssertMasked(tokenError.ToString());

            _service.Default = r => r.Path.EndsWith("plugin_token", StringComparison.Ordinal)
                ? SandboxResponse.Json(200, new JsonObject { ["data"] = new JsonObject { ["token"] = PluginToken, ["expire_time"] = 7200 }, ["error"] = new JsonObject { ["code"] = 0 } })
                : WithEchoHeader(SandboxResponse.Json(400, new JsonObject { ["err_code"] = 20018, ["err_msg"] = Echo(r), ["err"] = new JsonObject { ["code"] = 20018, ["msg"] = Echo(r) } }), r);
            using var connection = Connector.Create(Project());
            var sink = new RecordingSink();
            var op = new NodeOperation(connection, sink);
            op.Process(ProjectHarness.Confirm("1", "start"));
            op.Complete();

            var error = Assert.Single(sink.Errors);
            AssertMasked(error.Message + error.Exception + string.Join("\n", sink.VerboseLines) + string.Join("\n", sink.DebugLines));
        }

        [Fact]
        public void Batch_approval_echoing_the_bearer_token_and_the_api_key_is_masked()
        {
            _service.Default = r => WithEchoHeader(SandboxResponse.Json(400, new JsonObject { ["message"] = Echo(r) }), r);
            using var connection = Connector.Create(new BatchApprovalConnectionOptions
            {
                BaseUri = BaseUri, Token = new Secret(BatchToken), Resilience = _fast,
                Headers = new[] { new KeyValuePair<string, Secret>("X-Api-Key", new Secret(ApiKey)) },
            });
            var sink = new RecordingSink();
            var op = new TestBatchApprovalOperation(connection, "ou_user", sink);

            op.Add("task-1");
            op.Complete();

            var error = Assert.Single(sink.Errors);
            AssertMasked(error.Message + error.Exception + string.Join("\n", sink.VerboseLines) + string.Join("\n", sink.DebugLines));
        }

        [Fact]
        public async Task Transport_logs_of_an_echoed_answer_are_masked_for_every_service()
        {
            _service.Default = r => r.Path.EndsWith("tenant_access_token/internal", StringComparison.Ordinal)
                ? SandboxResponse.Json(200, new JsonObject { ["code"] = 0, ["tenant_access_token"] = TenantToken, ["expire"] = 7200 })
                : WithEchoHeader(SandboxResponse.Json(400, new JsonObject { ["code"] = 1390001, ["msg"] = Echo(r) }), r);
            using var connection = Connector.Create(Feishu());
            var log = new ListLog();

            var ex = await Assert.ThrowsAsync<ApiException>(() => connection.Transport.SendAsync(
                new ApiRequest(HttpMethod.Post, FeishuApprovalClient.CreatePath, "POST external_instances") { Body = System.Text.Encoding.UTF8.GetBytes("{}") },
                log, CancellationToken.None));

            AssertMasked(Shown(ex, log));
            Assert.Contains(log.DebugLines, l => l.Contains("x-echo", StringComparison.OrdinalIgnoreCase));
        }

        private FeishuConnectionOptions Feishu() =>
            new() { AppId = "cli_echo", AppSecret = new Secret(AppSecret), BaseUri = BaseUri, Resilience = _fast };

        private FeishuProjectConnectionOptions Project() =>
            new() { PluginId = "MII_ECHO", PluginSecret = new Secret(PluginSecret), UserKey = "user-echo", BaseUri = BaseUri, Resilience = _fast };
    }
}
