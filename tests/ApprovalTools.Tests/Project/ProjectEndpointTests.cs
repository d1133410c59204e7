using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Raw;
using ApprovalTools.Sandbox.Hosting;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    /// <summary>
    /// The rate-limit templates and the Feishu Project calls cannot drift apart: every request the client sends, read
    /// back from the server's journal and matched as a raw request would be, lands in the bucket the client sent it under.
    /// </summary>
    public sealed class ProjectEndpointTests : IDisposable
    {
        private readonly ProjectHarness _h = new();

        public void Dispose() => _h.Dispose();

        /// <summary>Which call a request was, told from what the server received (not from the templates).</summary>
        private static string SentUnder(SandboxRequest request) =>
            request.Path == "/" + FeishuProjectProtocol.TokenPath ? FeishuProjectProtocol.TokenEndpoint
            : request.Path.EndsWith("/operate", StringComparison.Ordinal) ? FeishuProjectClient.OperateEndpoint
            : request.Path.EndsWith("/workflow/query", StringComparison.Ordinal) ? FeishuProjectClient.WorkflowQueryEndpoint
            : request.Method == "PUT" ? FeishuProjectClient.UpdateEndpoint
            : throw new InvalidOperationException("unexpected request " + request.Method + " " + request.Path);

        [Fact]
        public async Task Every_call_the_client_makes_maps_back_to_its_own_bucket_as_a_raw_request()
        {
            _h.Item("61", project: "space 2");
            var confirm = ProjectHarness.Confirm("61", "start", project: "space 2");
            var update = ProjectHarness.Confirm("61", "design", project: "space 2");
            update.Action = NodeAction.Update;
            update.NodeOwners = new[] { "u1" };
            Assert.Empty(_h.Run(confirm, update).Errors);
            await _h.Connection.Client.QueryWorkflowAsync(new WorkItemReference("space 2", "story", "61"), null, default);

            var journal = _h.Sandbox.Server.Journal;
            Assert.Equal(
                new[] { FeishuProjectProtocol.TokenEndpoint, FeishuProjectClient.OperateEndpoint, FeishuProjectClient.UpdateEndpoint, FeishuProjectClient.WorkflowQueryEndpoint }.OrderBy(e => e),
                journal.Select(SentUnder).Distinct().OrderBy(e => e));
            foreach (var request in journal)
            {
                Assert.Equal(SentUnder(request), new RawRequest(request.Method, Uri.UnescapeDataString(request.Path)).ToApiRequest(ServiceKind.FeishuProject).Endpoint);
            }
        }
    }
}
