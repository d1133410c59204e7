using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>
    /// What a sync result makes of the create answer's echo (data.data) when the server echoes something other than
    /// what was sent, or something this client cannot read (a future enum value). The echo is deserialized when first
    /// asked for; its status and approval_code are read from the answer at once.
    /// </summary>
    public sealed class SyncEchoTests : IDisposable
    {
        private const string ProcessRecordJson = "{\"instance\":{\"insert_num\":1,\"update_num\":0,\"delete_num\":0}}";

        /// <summary>Accepts every sync (code 0) and answers with the echo a test sets.</summary>
        private sealed class EchoServer : ISandboxService
        {
            public string EchoJson { get; set; } = "null";

            public string Name => "echo";
            public bool Handles(SandboxRequest request) => request.Path.StartsWith("/open-apis/", StringComparison.Ordinal);

            public SandboxResponse Handle(SandboxRequest request) => request.Path.EndsWith("/internal", StringComparison.Ordinal)
                ? SandboxResponse.Text(200, "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-echo-token\",\"expire\":7200}")
                : SandboxResponse.Text(200, "{\"code\":0,\"msg\":\"success\",\"data\":{\"data\":" + EchoJson + ",\"process_record\":" + ProcessRecordJson + "}}");

            public SandboxResponse TransientError(SandboxRequest request) => Handle(request);
            public SandboxResponse RateLimited(SandboxRequest request) => Handle(request);
        }

        private readonly EchoServer _service = new();
        private readonly SandboxServer _server;

        public SyncEchoTests() => _server = SandboxServer.Start(0, new[] { _service });

        public void Dispose() => _server.Dispose();

        private static string Echo(string status, string approvalCode = "A", string taskStatus = "PENDING") =>
            "{\"approval_code\":\"" + approvalCode + "\",\"instance_id\":\"i1\",\"status\":\"" + status + "\",\"start_time\":\"1700000000001\",\"end_time\":\"0\","
            + "\"update_time\":\"1700000000002\",\"task_list\":[{\"task_id\":\"t1\",\"status\":\"" + taskStatus + "\",\"create_time\":\"1700000000001\",\"end_time\":\"0\"}]}";

        private (SyncResult Result, RecordingSink Sink) SyncOne(bool verbose = true, string sentStatus = "PENDING")
        {
            using var connection = Connector.Create(new FeishuConnectionOptions { AppId = "a", AppSecret = new Secret("secret-x"), BaseUri = _server.BaseUri });
            var sink = new RecordingSink { IsVerboseEnabled = verbose, IsDebugEnabled = false };
            var op = new SyncExternalInstanceOperation(connection, sink);
            op.Process(new Dictionary<string, object?>
            {
                ["approval_code"] = "A", ["instance_id"] = "i1", ["status"] = sentStatus, ["links"] = new Dictionary<string, object?> { ["pc_link"] = "https://x" },
                ["user_id"] = "u", ["start_time"] = "1700000000001", ["end_time"] = sentStatus == "PENDING" ? "0" : "1700000000002", ["update_time"] = "1700000000002",
                ["i18n_resources"] = new List<object?> { new Dictionary<string, object?> { ["locale"] = "zh-CN", ["is_default"] = true, ["texts"] = new List<object?>() } },
            });
            op.Complete();
            Assert.Empty(sink.Errors);
            return (Assert.Single(sink.EmittedOf<SyncResult>()), sink);
        }

        [Fact]
        public void A_readable_echo_is_the_result_and_its_status_and_code_are_what_the_server_says()
        {
            _service.EchoJson = Echo("APPROVED", approvalCode: "A-STORED");

            var (result, sink) = SyncOne();

            Assert.Equal(InstanceStatus.Approved, result.Status);   // sent PENDING: the server's word wins
            Assert.Equal("A-STORED", result.ApprovalCode);
            Assert.Equal(InstanceStatus.Approved, result.Echo!.Status);
            Assert.Equal("t1", Assert.Single(result.Echo.TaskList!).TaskId);
            Assert.Equal(1, result.ProcessRecord!.Instance!.Inserted);
            Assert.Null(result.EchoError);
            Assert.DoesNotContain(sink.VerboseLines, l => l.Contains("echo could not be read"));
        }

        [Fact]
        public void An_accepted_sync_with_an_unknown_status_in_its_echo_is_still_a_result_with_the_sent_status()
        {
            _service.EchoJson = Echo("ARCHIVED_IN_2030", approvalCode: "A-STORED");

            var (result, sink) = SyncOne(sentStatus: "REJECTED");

            Assert.Null(result.Echo);
            Assert.Equal(InstanceStatus.Rejected, result.Status);
            Assert.Contains("$.data.data.status", result.EchoError);
            Assert.Null(result.ProcessRecord);                         // the answer's data did not read, as a whole
            Assert.Contains(sink.VerboseLines, l => l.Contains("echo could not be read") && l.Contains("$.data.data.status"));
        }

        [Fact]
        public void An_echo_unreadable_below_its_status_keeps_the_status_the_server_sent()
        {
            _service.EchoJson = Echo("APPROVED", approvalCode: "A-STORED", taskStatus: "DELEGATED_IN_2030");

            var (result, sink) = SyncOne();

            Assert.Null(result.Echo);
            Assert.Equal(InstanceStatus.Approved, result.Status);      // data.data.status itself reads
            Assert.Equal("A-STORED", result.ApprovalCode);
            Assert.Contains("$.data.data.task_list[0].status", result.EchoError);
            Assert.Contains(sink.VerboseLines, l => l.Contains("echo could not be read") && l.Contains("$.data.data.task_list[0].status"));
        }

        [Fact]
        public void An_echo_without_status_or_code_leaves_the_sent_ones()
        {
            _service.EchoJson = "{\"instance_id\":\"i1\",\"approval_code\":7}";

            var (result, _) = SyncOne(sentStatus: "REJECTED");

            Assert.Equal(InstanceStatus.Rejected, result.Status);    // not the enum's default: the echo has no status
            Assert.Equal("A", result.ApprovalCode);
            Assert.Null(result.Echo);                                  // a number where the code is a string
            Assert.Contains("$.data.data.approval_code", result.EchoError);
        }

        [Fact]
        public void Without_verbose_nothing_is_said_and_the_echo_is_read_when_asked_for()
        {
            _service.EchoJson = Echo("ARCHIVED_IN_2030");
            var (unreadable, quiet) = SyncOne(verbose: false);
            _service.EchoJson = Echo("APPROVED");
            var (readable, _) = SyncOne(verbose: false);

            Assert.Empty(quiet.VerboseLines);
            Assert.Null(unreadable.Echo);
            Assert.Contains("$.data.data.status", unreadable.EchoError);
            Assert.Equal("i1", readable.Echo!.InstanceId);
            Assert.Same(readable.Echo, readable.Echo);                 // read once
            Assert.Null(readable.EchoError);
        }
    }
}
