using ApprovalTools.Core.Connections;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Project.Operations;
using ApprovalTools.Sandbox;
using ApprovalTools.Sandbox.Approval;
using ApprovalTools.Sandbox.BatchApproval;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Sandbox.Project;
using ApprovalTools.Tests.Approval;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    /// <summary>
    /// The three services behind an origin that answers some requests with a redirect to another port, which records
    /// whatever reaches it and answers success. A followed redirect would show there (secrets, tokens, headers) and
    /// as a false success; the client must report an error naming the Location and send nothing elsewhere.
    /// </summary>
    public sealed class RedirectTests : IDisposable
    {
        private const string AppSecret = "app-secret-never-redirected";
        private const string PluginSecret = "plugin-secret-never-redirected";
        private const string BatchToken = "batch-token-never-redirected";
        private const string ApiKey = "x-api-key-never-redirected";

        private readonly SandboxSettings _settings = new() { AppSecret = AppSecret, PluginSecret = PluginSecret, BatchToken = BatchToken };
        private readonly ApprovalService _approval;
        private readonly ProjectService _project;
        private readonly Redirector _redirector = new();
        private readonly SandboxServer _origin;
        private readonly SandboxServer _elsewhere;
        private readonly ResilienceSettings _resilience = new() { BaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryAttempts = 3, AttemptTimeout = TimeSpan.FromSeconds(10) };

        public RedirectTests()
        {
            _elsewhere = SandboxServer.Start(0, new ISandboxService[] { new AnswersSuccess() });
            _redirector.Target = _elsewhere.BaseUri;
            _approval = new ApprovalService(_settings);
            _project = new ProjectService(_settings);
            _origin = SandboxServer.Start(0, new ISandboxService[] { _redirector, _approval, new BatchApprovalService(_settings), _project });
        }

        public void Dispose()
        {
            _origin.Dispose();
            _elsewhere.Dispose();
        }

        private FeishuConnectionOptions FeishuOptions() =>
            new() { AppId = "cli_redirect", AppSecret = new Secret(AppSecret), BaseUri = _origin.BaseUri, Resilience = _resilience };

        private FeishuProjectConnectionOptions ProjectOptions() =>
            new() { PluginId = "MII_REDIRECT", PluginSecret = new Secret(PluginSecret), UserKey = "user-key", BaseUri = _origin.BaseUri, Resilience = _resilience };

        private FeishuProjectConnection ProjectConnection() => Connector.Create(ProjectOptions());

        private void AssertNothingLeft(string message)
        {
            Assert.Empty(_elsewhere.Journal);
            foreach (var secret in new[] { AppSecret, PluginSecret, BatchToken, ApiKey }) Assert.DoesNotContain(secret, message);
            Assert.Contains("redirect to " + _elsewhere.BaseUri.GetLeftPart(UriPartial.Authority), message);
        }

        [Fact]
        public async Task A_redirected_tenant_token_request_sends_the_app_secret_nowhere_else()
        {
            _redirector.When = r => r.Path == ApprovalService.TokenPath;

            var ex = await Assert.ThrowsAsync<ApiException>(() => Connector.ConnectAsync(FeishuOptions(), CancellationToken.None));

            Assert.Equal("RedirectRefused", ex.ErrorId);
            Assert.Equal(1, _origin.Journal.Count(r => r.Path == ApprovalService.TokenPath));
            AssertNothingLeft(ex.Message);
        }

        [Fact]
        public void A_redirected_sync_is_an_error_not_a_success_and_the_token_stays_home()
        {
            _redirector.When = r => r.Path == ApprovalService.CreatePath;
            using var connection = Connector.Create(FeishuOptions());
            var sink = new RecordingSink();
            var op = new SyncExternalInstanceOperation(connection, sink, new SyncExternalInstanceOptions { Mode = UpdateMode.Update });

            op.Process(ApprovalTestBase.Instance("redirected-1", ApprovalTestBase.T));
            op.Complete();

            Assert.Empty(sink.Emitted);
            var error = Assert.Single(sink.Errors);
            Assert.Equal("RedirectRefused", error.ErrorId);
            Assert.Equal(1, _origin.Journal.Count(r => r.Path == ApprovalService.CreatePath));
            Assert.Null(_approval.Instance("redirected-1"));
            AssertNothingLeft(error.Message);
        }

        [Fact]
        public async Task A_redirected_plugin_token_request_sends_the_plugin_secret_nowhere_else()
        {
            _redirector.When = r => r.Path == "/open_api/authen/plugin_token";
            var ex = await Assert.ThrowsAsync<ApiException>(() => Connector.ConnectAsync(ProjectOptions(), CancellationToken.None));

            Assert.Equal("RedirectRefused", ex.ErrorId);
            AssertNothingLeft(ex.Message);
        }

        [Theory]
        [InlineData(301)]
        [InlineData(302)]
        [InlineData(303)]
        [InlineData(307)]
        [InlineData(308)]
        public void A_redirected_node_confirm_is_an_error_and_the_plugin_token_stays_home(int status)
        {
            _redirector.Status = status;
            _redirector.When = r => r.Path.EndsWith("/operate", StringComparison.Ordinal);
            var item = _project.AddWorkItem("p", "story", "1", "start", "design");
            using var connection = ProjectConnection();
            var sink = new RecordingSink();
            var op = new NodeOperation(connection, sink);

            op.Process(new NodeOperationRequest { ProjectKey = "p", WorkItemTypeKey = "story", WorkItemId = "1", NodeId = "start", Action = NodeAction.Confirm });
            op.Complete();

            Assert.Empty(sink.Emitted);
            var error = Assert.Single(sink.Errors);
            Assert.Equal("RedirectRefused", error.ErrorId);
            Assert.Contains($"HTTP {status}", error.Message);
            Assert.Equal(1, _origin.Journal.Count(r => r.Path.EndsWith("/operate", StringComparison.Ordinal)));
            Assert.NotEqual(NodeStatus.Completed, item.Node("start").Status);
            AssertNothingLeft(error.Message);
        }

        [Theory]
        [InlineData("/batch_approvals/_check")]
        [InlineData("/batch_approvals/_submit")]
        public void A_redirected_batch_call_keeps_the_bearer_token_and_custom_headers_home(string path)
        {
            _redirector.When = r => r.Path == path;
            using var connection = BatchConnect.Create(_origin.BaseUri.ToString(), new Secret(BatchToken),
                new[] { new KeyValuePair<string, Secret>("X-Api-Key", new Secret(ApiKey)) }, settings: _resilience);
            var sink = new RecordingSink();
            var op = new SubmitBatchApprovalOperation(connection, new SubmitBatchApprovalOptions("ou_user"), sink);

            op.Add("task-1");
            op.Complete();

            Assert.Empty(sink.Emitted);
            var error = Assert.Single(sink.Errors);
            Assert.Equal("RedirectRefused", ((ApiException)error.Exception!).ErrorId);
            Assert.Equal(ApiKey, _origin.Journal.Single(r => r.Path == path).Header("X-Api-Key"));
            AssertNothingLeft(error.Message);
        }

        /// <summary>Answers matching requests with a redirect to the same path on <see cref="Target"/>.</summary>
        private sealed class Redirector : ISandboxService
        {
            public Func<SandboxRequest, bool> When { get; set; } = _ => false;
            public Uri Target { get; set; } = new("http://127.0.0.1:1/");
            public int Status { get; set; } = 307;
            public string Name => "redirect";
            public bool Handles(SandboxRequest request) => When(request);
            public SandboxResponse Handle(SandboxRequest request) =>
                SandboxResponse.Json(Status, new JsonObject()).WithHeader("Location", new Uri(Target, request.Path).AbsoluteUri);
            public SandboxResponse TransientError(SandboxRequest request) => Handle(request);
            public SandboxResponse RateLimited(SandboxRequest request) => Handle(request);
        }

        /// <summary>Whatever arrives here is recorded in the journal and answered as a success of every service.</summary>
        private sealed class AnswersSuccess : ISandboxService
        {
            public string Name => "elsewhere";
            public bool Handles(SandboxRequest request) => true;
            public SandboxResponse Handle(SandboxRequest request) => SandboxResponse.Json(200, new JsonObject
            {
                ["code"] = 0, ["msg"] = "ok", ["err_code"] = 0, ["data"] = new JsonObject { ["token"] = "t-elsewhere", ["expire_time"] = 7200, ["batch_number"] = "b-elsewhere" },
                ["tenant_access_token"] = "t-elsewhere", ["expire"] = 7200,
            });
            public SandboxResponse TransientError(SandboxRequest request) => Handle(request);
            public SandboxResponse RateLimited(SandboxRequest request) => Handle(request);
        }
    }
}
