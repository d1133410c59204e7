using System.Text.Json.Nodes;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Sandbox.Project;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    /// <summary>Invoke-NodeOperation -Action Update: PUT .../node/:node_id ("更新节点/排期") over HTTP against the sandbox.</summary>
    public sealed class NodeUpdateTests : IDisposable
    {
        private readonly ProjectHarness _h = new();

        public void Dispose() => _h.Dispose();

        private static NodeOperationRequest Update(string id, string node) =>
            new() { ProjectKey = "p", WorkItemTypeKey = "story", WorkItemId = id, NodeId = node, Action = NodeAction.Update };

        [Fact]
        public void Update_changes_owners_schedule_fields_and_roles_without_moving_the_flow()
        {
            var item = _h.Item("41");
            var request = Update("41", "develop");
            request.NodeOwners = new[] { "u1" };
            request.NodeSchedule = new NodeSchedule { Points = 8, EstimateStartDate = DateTimeOffset.FromUnixTimeMilliseconds(1722182400000), EstimateEndDate = DateTimeOffset.FromUnixTimeMilliseconds(1722787200000) };
            request.Fields = new[] { new FieldValuePair("field_priority", new Dictionary<string, object> { ["label"] = "P0", ["value"] = "P0" }) };
            request.RoleAssignee = new[] { new RoleOwner("QA", "u2") };
            request.RollbackReason = "ignored for an update";

            var sink = _h.Run(request);

            Assert.Empty(sink.Errors);
            var result = Assert.Single(sink.EmittedOf<NodeOperationResult>());
            Assert.Equal(NodeAction.Update, result.Action);
            var node = item.Node("develop");
            Assert.Equal(NodeStatus.NotArrived, node.Status);
            Assert.Equal(new[] { "u1" }, node.Owners);
            Assert.Equal(8, (double)node.Schedule!["points"]!);
            Assert.Equal("P0", (string?)node.Fields["field_priority"]!["value"]);
            Assert.Equal(new[] { "u2" }, node.Roles["QA"]);
            Assert.Equal(NodeStatus.Arrived, item.Node("start").Status);

            var sent = Assert.Single(_h.Sandbox.Server.Journal, r => r.Path.StartsWith("/open_api/p/workflow/", StringComparison.Ordinal));
            Assert.Equal("PUT", sent.Method);
            Assert.Equal("/open_api/p/workflow/story/41/node/develop", sent.Path);
            Assert.Equal(result.IdempotencyKey, sent.Header("X-IDEM-UUID"));
            var body = ProjectHarness.Body(sent);
            Assert.False(body.ContainsKey("action"));
            Assert.False(body.ContainsKey("rollback_reason"));
        }

        [Fact]
        public void Omitted_owners_stay_and_an_empty_list_removes_them_all()
        {
            var item = _h.Item("42");
            item.Node("design").Owners = new List<string> { "u0" };

            var keep = Update("42", "design");
            keep.NodeSchedule = new NodeSchedule { Points = 1 };
            _h.Run(keep);
            Assert.Equal(new[] { "u0" }, item.Node("design").Owners);
            Assert.False(ProjectHarness.Body(_h.Sandbox.Server.Journal.Last()).ContainsKey("node_owners"));

            var clear = Update("42", "design");
            clear.NodeOwners = Array.Empty<string>();
            var sink = _h.Run(clear);

            Assert.Empty(sink.Errors);
            Assert.Empty(item.Node("design").Owners);
            Assert.Empty((JsonArray)ProjectHarness.Body(_h.Sandbox.Server.Journal.Last())["node_owners"]!);
        }

        [Fact]
        public void An_update_with_nothing_to_change_is_refused_locally()
        {
            _h.Item("43");
            var request = Update("43", "start");

            var sink = _h.Run(request);

            var error = Assert.Single(sink.Errors);
            Assert.Equal("NothingToUpdate", error.ErrorId);
            Assert.Same(request, error.Target);
            Assert.DoesNotContain(_h.Sandbox.Server.Journal, r => r.Method == "PUT");
        }

        [Fact]
        public void Errors_come_from_the_same_table_as_the_node_operation()
        {
            _h.Item("44");
            var aborted = _h.Item("45");
            aborted.Aborted = true;
            var badField = Update("44", "start");
            badField.Fields = new[] { new FieldValuePair { FieldAlias = "testin_allow", FieldValue = "x" } };
            var badOption = Update("44", "start");
            badOption.Fields = new[] { new FieldValuePair("field_priority", "P9") };
            var badRole = Update("44", "start");
            badRole.RoleAssignee = new[] { new RoleOwner("CEO", "u1") };
            var onAborted = Update("45", "start");
            onAborted.NodeOwners = new[] { "u1" };
            var unknownNode = Update("44", "nope");
            unknownNode.NodeOwners = new[] { "u1" };

            var sink = _h.Run(1, badField, badOption, badRole, onAborted, unknownNode);

            Assert.Equal(new[] { "FieldNotFound", "FieldOptionInvalid", "RoleOwnerNotFound", "WorkItemAborted", "NodeNotFound" }, sink.Errors.Select(e => e.ErrorId));
            Assert.Equal(new object[] { badField, badOption, badRole, onAborted, unknownNode }, sink.Errors.Select(e => e.Target));
            Assert.Empty(sink.Emitted);
        }

        [Fact]
        public void A_transition_in_progress_is_waited_out_like_for_confirm()
        {
            var item = _h.Item("46");
            item.Node("start").TransitionCalls = 1;
            _h.Reconnect(s => s with { MaxServerDelay = TimeSpan.FromMilliseconds(20) });
            var request = Update("46", "start");
            request.NodeOwners = new[] { "u7" };

            var sink = _h.Run(request);

            Assert.Empty(sink.Errors);
            Assert.Equal(2, Assert.Single(sink.EmittedOf<NodeOperationResult>()).Attempts);
            Assert.Equal(new[] { "u7" }, item.Node("start").Owners);
        }
    }
}
