using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Raw;
using ApprovalTools.Tests.Approval;
using ApprovalTools.Tests.Project;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    /// <summary>
    /// Invoke-ApprovalToolsRequest takes its permits from the cmdlets' process-wide schedules: a raw request to an API
    /// the module calls waits in that API's bucket (ids and all), any other path in one shared bucket. No clock is read:
    /// the buckets are compared by registry key, and the sharing is shown on a registry whose clock stands still.
    /// </summary>
    public sealed class RawRateBudgetTests : ApprovalTestBase
    {
        private static string EndpointOf(ServiceKind service, string method, string path) => new RawRequest(method, path).ToApiRequest(service).Endpoint;

        [Theory]
        [InlineData(ServiceKind.FeishuApproval, "POST", "/open-apis/approval/v4/external_instances", FeishuApprovalClient.CreateEndpoint)]
        [InlineData(ServiceKind.FeishuApproval, "post", "open-apis/approval/v4/external_instances/check", FeishuApprovalClient.CheckEndpoint)]
        [InlineData(ServiceKind.FeishuApproval, "GET", "/open-apis/approval/v4/tasks/query", FeishuApprovalClient.TaskQueryEndpoint)]
        [InlineData(ServiceKind.FeishuApproval, "GET", "/open-apis/approval/v4/external_tasks", FeishuApprovalClient.ExternalTasksEndpoint)]
        [InlineData(ServiceKind.FeishuApproval, "POST", "/open-apis/approval/v4/external_approvals", FeishuApprovalClient.DefinitionSetEndpoint)]
        [InlineData(ServiceKind.FeishuApproval, "GET", "/open-apis/approval/v4/external_approvals/81D31358-93AF", FeishuApprovalClient.DefinitionGetEndpoint)]
        [InlineData(ServiceKind.FeishuApproval, "POST", "/open-apis/auth/v3/tenant_access_token/internal", FeishuProtocol.TokenEndpoint)]
        [InlineData(ServiceKind.FeishuProject, "PUT", "/open_api/demo/workflow/story/1001/node/start", FeishuProjectClient.UpdateEndpoint)]
        [InlineData(ServiceKind.FeishuProject, "POST", "/open_api/space-2/workflow/bug/7/node/review/operate", FeishuProjectClient.OperateEndpoint)]
        [InlineData(ServiceKind.FeishuProject, "POST", "/open_api/demo/work_item/story/1002/workflow/query", FeishuProjectClient.WorkflowQueryEndpoint)]
        [InlineData(ServiceKind.BatchApproval, "POST", "/batch_approvals/_submit", BatchApprovalClient.SubmitEndpoint)]
        [InlineData(ServiceKind.BatchApproval, "GET", "/batch_approvals/_submit", BatchApprovalClient.ProgressEndpoint)]
        [InlineData(ServiceKind.BatchApproval, "POST", "/batch_approvals/_check", BatchApprovalClient.CheckEndpoint)]
        public void A_path_of_an_API_the_module_calls_takes_the_cmdlet_s_endpoint_key(ServiceKind service, string method, string path, string endpoint)
        {
            Assert.Equal(endpoint, EndpointOf(service, method, path));
        }

        [Theory]
        [InlineData(ServiceKind.FeishuApproval, "GET", "/open-apis/approval/v4/external_instances")]
        [InlineData(ServiceKind.FeishuApproval, "POST", "/open-apis/approval/v4/external_instances/check/more")]
        [InlineData(ServiceKind.FeishuApproval, "GET", "/open-apis/approval/v4/instances/7B1F-0001")]
        [InlineData(ServiceKind.FeishuProject, "PUT", "/open_api/demo/workflow/story/1001/node")]
        [InlineData(ServiceKind.FeishuProject, "POST", "/open_api/demo/workflow/story/1001/node/start/confirm")]
        [InlineData(ServiceKind.BatchApproval, "DELETE", "/batch_approvals/_submit")]
        public void Any_other_path_shares_the_one_default_bucket(ServiceKind service, string method, string path)
        {
            Assert.Equal(RawEndpoints.Other, EndpointOf(service, method, path));
        }

        [Fact]
        public void On_one_connection_a_raw_sync_and_the_cmdlet_s_sync_wait_in_the_same_schedule_and_other_apps_do_not()
        {
            var transport = Connection.Transport;
            var raw = EndpointOf(ServiceKind.FeishuApproval, "POST", "/open-apis/approval/v4/external_instances");

            Assert.Equal(transport.RateLimitKey(FeishuApprovalClient.CreateEndpoint), transport.RateLimitKey(raw));
            Assert.NotEqual(transport.RateLimitKey(FeishuApprovalClient.CheckEndpoint), transport.RateLimitKey(raw));
            using var otherApp = Core.Connections.Connector.ConnectAsync(Options() with { AppId = "cli_other" }, CancellationToken.None).GetAwaiter().GetResult();
            Assert.NotEqual(otherApp.Transport.RateLimitKey(FeishuApprovalClient.CreateEndpoint), transport.RateLimitKey(raw));
        }

        [Fact]
        public void Node_updates_of_any_work_item_raw_or_from_the_cmdlet_share_the_plugin_s_15_per_second()
        {
            using var project = new ProjectHarness();
            var transport = project.Connection.Transport;
            var first = EndpointOf(ServiceKind.FeishuProject, "PUT", "/open_api/demo/workflow/story/1001/node/start");
            var second = EndpointOf(ServiceKind.FeishuProject, "PUT", "/open_api/other/workflow/bug/2002/node/design");

            Assert.Equal(transport.RateLimitKey(FeishuProjectClient.UpdateEndpoint), transport.RateLimitKey(first));
            Assert.Equal(transport.RateLimitKey(first), transport.RateLimitKey(second));

            // The schedule itself, on a clock that does not move: 15 permits taken by the cmdlet's endpoint leave the
            // raw request of another work item waiting; a request of another API does not wait.
            var registry = new RateLimiterRegistry(() => TimeSpan.Zero);
            var limiters = new EndpointRateLimiters(transport.LimitFor, "FeishuProject https://project.feishu.cn/ MII_X", registry);
            for (var i = 0; i < 15; i++) Assert.True(limiters.WaitAsync(FeishuProjectClient.UpdateEndpoint, CancellationToken.None).IsCompletedSuccessfully);
            using var stop = new CancellationTokenSource();
            var raw = limiters.WaitAsync(second, stop.Token);
            var query = limiters.WaitAsync(FeishuProjectClient.WorkflowQueryEndpoint, CancellationToken.None);

            Assert.False(raw.IsCompleted, "the raw update got a permit the cmdlet had already spent");
            Assert.True(query.IsCompletedSuccessfully);
            stop.Cancel();
        }

        [Fact]
        public void Raw_requests_to_unknown_paths_share_one_bucket_whatever_their_ids()
        {
            var registry = new RateLimiterRegistry(() => TimeSpan.Zero);
            var limiters = new EndpointRateLimiters(Connection.Transport.LimitFor, "FeishuApproval https://open.feishu.cn/ cli_x", registry);
            for (var i = 0; i < 50; i++)
            {
                var path = "/open-apis/approval/v4/instances/code-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(limiters.WaitAsync(EndpointOf(ServiceKind.FeishuApproval, "GET", path), CancellationToken.None).IsCompletedSuccessfully);
            }
            using var stop = new CancellationTokenSource();

            var next = limiters.WaitAsync(EndpointOf(ServiceKind.FeishuApproval, "GET", "/open-apis/approval/v4/instances/code-50"), stop.Token);

            Assert.False(next.IsCompleted, "the 51st request of one second went out");
            stop.Cancel();
        }
    }
}
