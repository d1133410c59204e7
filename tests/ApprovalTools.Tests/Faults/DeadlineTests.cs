using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Sandbox;
using Xunit;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Tests.Faults
{
    /// <summary>A server that accepts and never answers: each service's connection gives up at its request deadline.</summary>
    public sealed class DeadlineTests : IDisposable
    {
        private readonly SandboxHost _sandbox = SandboxHost.Start(new SandboxSettings { AppSecret = "app-secret", PluginSecret = "plugin-secret", BatchToken = "batch-token" });

        // The attempt timeout alone would let each attempt wait 20 s; the deadline must end the request long before.
        private readonly ResilienceSettings _settings = new()
        {
            BaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryAttempts = 4, AttemptTimeout = TimeSpan.FromSeconds(20), RequestTimeout = TimeSpan.FromMilliseconds(800),
        };

        public void Dispose() => _sandbox.Dispose();

        private void Hang(string service, string sparePrefix)
        {
            var plan = _sandbox.Server.Faults(service);
            plan.SparePathPrefix = sparePrefix;   // the token endpoint answers; the call itself hangs
            plan.HangFor = TimeSpan.FromSeconds(20);
            plan.HangNext(100);
        }

        private static void AssertDeadline(ApiException ex)
        {
            Assert.Equal("RequestTimedOut", ex.ErrorId);
            Assert.Equal(ErrorKind.Timeout, ex.Kind);
            Assert.Contains("within its 0.8 s deadline", ex.Message);
        }

        [Fact]
        public async Task Feishu_approval_honours_the_deadline()
        {
            using var connection = Connector.Create(new FeishuConnectionOptions
            {
                AppId = "cli_x", AppSecret = new Secret("app-secret"), BaseUri = _sandbox.BaseUri, Resilience = _settings,
            });
            Hang("approval", "/open-apis/auth/");

            var ex = await Assert.ThrowsAsync<ApiException>(() => connection.Client.CheckAsync(
                new[] { new CheckInstance { InstanceId = "i1", UpdateTime = DateTimeOffset.FromUnixTimeMilliseconds(1700000000000) } }, null, CancellationToken.None));

            AssertDeadline(ex);
        }

        [Fact]
        public async Task Feishu_Project_honours_the_deadline()
        {
            using var connection = Connector.Create(new FeishuProjectConnectionOptions
            {
                PluginId = "MII_X", PluginSecret = new Secret("plugin-secret"), UserKey = "7136", BaseUri = _sandbox.BaseUri, Resilience = _settings,
            });
            Hang("project", "/open_api/authen/");

            var ex = await Assert.ThrowsAsync<ApiException>(() => connection.Client.QueryWorkflowAsync(new WorkItemReference("p", "story", "1"), null, CancellationToken.None));

            AssertDeadline(ex);
        }

        [Fact]
        public async Task Feishu_Project_honours_its_attempt_timeout_and_retry_count()
        {
            using var connection = Connector.Create(new FeishuProjectConnectionOptions
            {
                PluginId = "MII_X", PluginSecret = new Secret("plugin-secret"), UserKey = "7136", BaseUri = _sandbox.BaseUri,
                Resilience = _settings with { AttemptTimeout = TimeSpan.FromMilliseconds(200), MaxRetryAttempts = 2, RequestTimeout = TimeSpan.FromSeconds(60) },
            });
            Hang("project", "/open_api/authen/");

            var ex = await Assert.ThrowsAsync<ApiException>(() => connection.Client.QueryWorkflowAsync(new WorkItemReference("p", "story", "1"), null, CancellationToken.None));

            Assert.Equal("RequestTimedOut", ex.ErrorId);
            Assert.Contains("each of 3 attempts: no answer in 0.2 s", ex.Message);
            Assert.Equal(3, _sandbox.Server.Journal.Count(r => r.Path.EndsWith("/workflow/query", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task Batch_approval_honours_the_deadline_and_a_submit_cut_off_is_an_unknown_outcome()
        {
            using var connection = Connector.Create(new BatchApprovalConnectionOptions { BaseUri = _sandbox.BaseUri, Token = new Secret("batch-token"), Resilience = _settings });
            Hang("batch", "/none");

            var check = await Assert.ThrowsAsync<ApiException>(() => connection.Client.CheckAsync("u1", new[] { "t1" }, null, CancellationToken.None));
            var submit = await Assert.ThrowsAsync<ApiException>(() => connection.Client.SubmitAsync("u1", new[] { "t1" }, null, CancellationToken.None));

            AssertDeadline(check);
            Assert.Equal(ErrorKind.OutcomeUnknown, submit.Kind);
            Assert.Contains("cut off at the deadline", submit.Message);
        }
    }
}
