using System.Net.Http;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    /// <summary>
    /// Every id that goes into a request path, over a table of hostile values, asserted on the path the server received:
    /// a value that would change the path is refused locally with the parameter's name; any other is one escaped segment.
    /// </summary>
    public sealed class HostileIdTests : IDisposable
    {
        private readonly ProjectHarness _h = new();

        public void Dispose() => _h.Dispose();

        private static readonly string Long = new('k', ApiPath.MaxSegmentLength + 1);

        /// <summary>Refused before sending: navigation, separators, escapes, control characters, too long.</summary>
        private static readonly string[] Refused =
        {
            ".", "..", " .. ", "%2e%2e", ".%2e", "%2E", "a/b", "/", "a\\b", "..\\..", "?", "a?x=1", "#", "a#b", "%", "%41", "a\tb", "a\nb", "\u0000", Long,
        };

        /// <summary>Sent, escaped: non-ASCII, inner whitespace, punctuation that is not a separator, the longest allowed.</summary>
        private static readonly string[] Escaped =
        {
            "中文键", "a b", "é", "\U0001F600", "a+b;c=d@e:f!g*h(i)j,k$l&m[n]o'", "~x_y-z.", "...", ".a", new string('k', ApiPath.MaxSegmentLength),
        };

        private static NodeOperationRequest With(string parameter, string value, NodeAction action = NodeAction.Confirm)
        {
            var request = ProjectHarness.Confirm("1", "start");
            request.Action = action;
            if (action == NodeAction.Update) request.NodeOwners = new List<string> { ProjectHarness.UserKey };
            switch (parameter)
            {
                case "ProjectKey": request.ProjectKey = value; break;
                case "WorkItemTypeKey": request.WorkItemTypeKey = value; break;
                case "NodeId": request.NodeId = value; break;
                case "WorkItemId": request.WorkItemId = value; break;
            }
            return request;
        }

        private static readonly NodeAction[] Actions = { NodeAction.Confirm, NodeAction.Update };

        public static IEnumerable<object[]> RefusedCases =>
            from a in Actions from p in new[] { "ProjectKey", "WorkItemTypeKey", "NodeId" } from v in Refused select new object[] { a, p, v };

        public static IEnumerable<object[]> EscapedCases =>
            from a in Actions from p in new[] { "ProjectKey", "WorkItemTypeKey", "NodeId" } from v in Escaped select new object[] { a, p, v };

        [Theory]
        [MemberData(nameof(RefusedCases))]
        public void A_path_changing_id_is_refused_naming_the_parameter_and_nothing_is_sent(NodeAction action, string parameter, string value)
        {
            var sink = _h.Run(With(parameter, value, action));

            var error = Assert.Single(sink.Errors);
            Assert.Equal("PathValueInvalid", error.ErrorId);
            Assert.Contains("-" + parameter + " ", error.Message);
            Assert.True(error.Message.Length < 600, "the message quotes a shortened value");
            Assert.Empty(sink.Emitted);
            Assert.Empty(NodeCalls);
        }

        /// <summary>Every call on a node: POST .../operate (Confirm, Rollback) and PUT .../node/:node_id (Update).</summary>
        private IReadOnlyList<Sandbox.Hosting.SandboxRequest> NodeCalls =>
            _h.Sandbox.Server.Journal.Where(r => r.Path.Contains("/node/", StringComparison.Ordinal)).ToList();

        [Theory]
        [MemberData(nameof(EscapedCases))]
        public void Any_other_id_reaches_the_server_as_exactly_one_escaped_segment(NodeAction action, string parameter, string value)
        {
            _h.Item();
            var request = With(parameter, value, action);

            _h.Run(request);

            var sent = Assert.Single(NodeCalls);
            var expected = "/open_api/" + Uri.EscapeDataString(request.ProjectKey!) + "/workflow/" + Uri.EscapeDataString(request.WorkItemTypeKey!)
                + "/1/node/" + Uri.EscapeDataString(request.NodeId!) + (action == NodeAction.Update ? string.Empty : "/operate");
            Assert.Equal(expected, sent.RawPath);
            Assert.Equal(action == NodeAction.Update ? 8 : 9, sent.RawPath.Split('/').Length);
        }

        public static IEnumerable<object[]> QueryRefusedCases =>
            from p in new[] { "ProjectKey", "WorkItemTypeKey" } from v in Refused select new object[] { p, v };

        public static IEnumerable<object[]> QueryEscapedCases =>
            from p in new[] { "ProjectKey", "WorkItemTypeKey" } from v in Escaped select new object[] { p, v };

        private RecordingSink Query(string parameter, string value)
        {
            var item = new WorkItemReference("p", "story", "1");
            if (parameter == "ProjectKey") item.ProjectKey = value;
            else item.WorkItemTypeKey = value;
            var sink = new RecordingSink();
            var op = new Core.Project.Operations.GetWorkflowNodeOperation(_h.Connection, sink);
            op.Process(item);
            op.Complete();
            return sink;
        }

        private IReadOnlyList<Sandbox.Hosting.SandboxRequest> Queries =>
            _h.Sandbox.Server.Journal.Where(r => r.Path.EndsWith("/workflow/query", StringComparison.Ordinal)).ToList();

        [Theory]
        [MemberData(nameof(QueryRefusedCases))]
        public void The_workflow_query_refuses_the_same_ids_naming_the_parameter(string parameter, string value)
        {
            var sink = Query(parameter, value);

            var error = Assert.Single(sink.Errors);
            Assert.Equal("PathValueInvalid", error.ErrorId);
            Assert.Contains("-" + parameter + " ", error.Message);
            Assert.True(error.Message.Length < 600, "the message quotes a shortened value");
            Assert.Empty(Queries);
        }

        [Theory]
        [MemberData(nameof(QueryEscapedCases))]
        public void The_workflow_query_sends_other_ids_as_one_escaped_segment(string parameter, string value)
        {
            Query(parameter, value);

            var sent = Assert.Single(Queries);
            var projectKey = parameter == "ProjectKey" ? value : "p";
            var typeKey = parameter == "WorkItemTypeKey" ? value : "story";
            Assert.Equal("/open_api/" + Uri.EscapeDataString(projectKey) + "/work_item/" + Uri.EscapeDataString(typeKey) + "/1/workflow/query", sent.RawPath);
        }

        [Theory]
        [InlineData("..")]
        [InlineData("1/2")]
        [InlineData("1%2F2")]
        [InlineData("1?x")]
        [InlineData("١٢")]
        public void A_work_item_id_that_is_not_digits_is_refused_and_nothing_is_sent(string value)
        {
            var sink = _h.Run(With("WorkItemId", value));

            Assert.Equal("WorkItemIdInvalid", Assert.Single(sink.Errors).ErrorId);
            Assert.Empty(NodeCalls);
        }

        [Theory]
        [InlineData("open_api/../x")]
        [InlineData("open_api/%2e%2e/x")]
        [InlineData("open_api/./x")]
        [InlineData("open_api/.%2E/x?y=1")]
        public async Task The_transport_refuses_any_path_that_normalisation_would_rewrite(string path)
        {
            var before = _h.Sandbox.Server.Journal.Count;
            using var transport = new ApiTransport(_h.Sandbox.BaseUri, new ScriptedProtocol(), _h.Settings);

            var ex = await Assert.ThrowsAsync<ApiException>(() => transport.SendAsync(new ApiRequest(HttpMethod.Post, path, "POST x"), null, CancellationToken.None));

            Assert.Equal("RequestPathInvalid", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.Equal(before, _h.Sandbox.Server.Journal.Count);
        }
    }
}
