using ApprovalTools.Core.Connections;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>A server that accepts the sync but echoes a status this client does not know (a future enum value).</summary>
    public sealed class UnreadableEchoTests : IDisposable
    {
        private sealed class FutureServer : ISandboxService
        {
            public string Name => "future";
            public bool Handles(SandboxRequest request) => request.Path.StartsWith("/open-apis/", StringComparison.Ordinal);

            public SandboxResponse Handle(SandboxRequest request) => request.Path.EndsWith("/internal", StringComparison.Ordinal)
                ? SandboxResponse.Json(200, new JsonObject { ["code"] = 0, ["msg"] = "ok", ["tenant_access_token"] = "t-future-token", ["expire"] = 7200 })
                : SandboxResponse.Json(200, new JsonObject
                {
                    ["code"] = 0, ["msg"] = "success",
                    ["data"] = new JsonObject { ["data"] = new JsonObject { ["instance_id"] = "i1", ["status"] = "ARCHIVED_IN_2030" } },
                });

            public SandboxResponse TransientError(SandboxRequest request) => Handle(request);
            public SandboxResponse RateLimited(SandboxRequest request) => Handle(request);
        }

        private readonly SandboxServer _server = SandboxServer.Start(0, new[] { new FutureServer() });

        public void Dispose() => _server.Dispose();

        [Fact]
        public void An_accepted_sync_with_an_unreadable_echo_is_still_a_result()
        {
            using var connection = Connector.Create(new FeishuConnectionOptions { AppId = "a", AppSecret = new Secret("secret-x"), BaseUri = _server.BaseUri });
            var sink = new RecordingSink();
            var op = new SyncExternalInstanceOperation(connection, sink);
            var instance = new Dictionary<string, object?>
            {
                ["approval_code"] = "A", ["instance_id"] = "i1", ["status"] = "PENDING", ["links"] = new Dictionary<string, object?> { ["pc_link"] = "https://x" },
                ["user_id"] = "u", ["start_time"] = "1700000000001", ["end_time"] = "0", ["update_time"] = "1700000000002",
                ["i18n_resources"] = new List<object?> { new Dictionary<string, object?> { ["locale"] = "zh-CN", ["is_default"] = true, ["texts"] = new List<object?>() } },
            };

            op.Process(instance);
            op.Complete();

            Assert.Empty(sink.Errors);
            var result = Assert.Single(sink.EmittedOf<SyncResult>());
            Assert.Null(result.Echo);
            Assert.Equal(InstanceStatus.Pending, result.Status);
            Assert.Contains(sink.VerboseLines, l => l.Contains("echo could not be read"));
        }
    }
}
