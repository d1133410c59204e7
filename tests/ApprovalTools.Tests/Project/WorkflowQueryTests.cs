using ApprovalTools.Core.Connections;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Project.Operations;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Tests.Support;
using Xunit;
using SecretValue = ApprovalTools.Core.Http.Secret;

namespace ApprovalTools.Tests.Project
{
    /// <summary>Get-WorkflowNode's Core operation and the client's workflow query, over HTTP against the sandbox and a scripted server.</summary>
    public sealed class WorkflowQueryTests : IDisposable
    {
        private readonly ProjectHarness _h = new();

        public void Dispose() => _h.Dispose();

        private RecordingSink Query(params WorkItemReference[] items)
        {
            var sink = new RecordingSink();
            var operation = new GetWorkflowNodeOperation(_h.Connection, sink, 2);
            foreach (var item in items) operation.Process(item, item.WorkItemId);
            operation.Complete();
            return sink;
        }

        private IReadOnlyList<SandboxRequest> Queries => _h.Sandbox.Server.Journal.Where(r => r.Path.EndsWith("/workflow/query", StringComparison.Ordinal)).ToList();

        [Fact]
        public void Each_node_is_one_object_with_the_state_the_server_holds()
        {
            _h.Item("21");
            _h.Run(ProjectHarness.Confirm("21", "start") is var c ? WithUpdates(c) : c);

            var sink = Query(new WorkItemReference("p", "story", "21"));

            Assert.Empty(sink.Errors);
            var nodes = sink.EmittedOf<WorkflowNode>().ToList();
            Assert.Equal(new[] { "start", "design", "develop", "done" }, nodes.Select(n => n.NodeId));
            Assert.All(nodes, n => Assert.Equal(("p", "story", "21"), (n.ProjectKey, n.WorkItemTypeKey, n.WorkItemId)));
            Assert.Equal(new[] { WorkflowNodeStatus.Completed, WorkflowNodeStatus.Arrived, WorkflowNodeStatus.NotArrived, WorkflowNodeStatus.NotArrived },
                nodes.Select(n => n.Status));
            var start = nodes[0];
            Assert.Equal(new[] { "u1", "u2" }, start.Owners);
            Assert.Equal(3, start.Schedule!.Points);
            Assert.Equal(1722182400000, start.Schedule.EstimateStartDate!.Value.ToUnixTimeMilliseconds());
            Assert.Equal(5, start.Schedule.PlannedConstructionPeriod);
            var field = Assert.Single(start.Fields);
            Assert.Equal("field_priority", field.FieldKey);
            Assert.Equal("P1", Assert.IsType<Dictionary<string, object?>>(field.FieldValue)["value"]);
            Assert.Equal(new[] { "u3" }, Assert.Single(start.RoleAssignee, r => r.Role == "QA").Owners);
            Assert.NotNull(start.ActualFinishTime);
            Assert.NotNull(nodes[1].ActualBeginTime);
            Assert.Null(nodes[2].ActualBeginTime);

            var sent = Assert.Single(Queries);
            Assert.Equal("POST", sent.Method);
            Assert.Equal("/open_api/p/work_item/story/21/workflow/query", sent.Path);
            Assert.Equal(0, (int)ProjectHarness.Body(sent)["flow_type"]!);
            Assert.Equal(ProjectHarness.UserKey, sent.Header("X-USER-KEY"));
            Assert.StartsWith("p-", sent.Header("X-PLUGIN-TOKEN"));
        }

        private static NodeOperationRequest WithUpdates(NodeOperationRequest request)
        {
            request.NodeOwners = new[] { "u1", "u2" };
            request.NodeSchedule = new NodeSchedule
            {
                Points = 3,
                EstimateStartDate = DateTimeOffset.FromUnixTimeMilliseconds(1722182400000),
                EstimateEndDate = DateTimeOffset.FromUnixTimeMilliseconds(1722787200000),
                PlannedConstructionPeriod = 5,
            };
            request.Fields = new[] { new FieldValuePair("field_priority", new Dictionary<string, object> { ["label"] = "P1", ["value"] = "P1" }) };
            request.RoleAssignee = new[] { new RoleOwner("QA", "u3") };
            return request;
        }

        [Fact]
        public void Several_work_items_each_end_as_their_nodes_or_one_error_naming_the_input()
        {
            _h.Item("22");
            _h.Item("23");

            var sink = Query(new WorkItemReference("p", "story", "22"), new WorkItemReference("p", "story", "999"), new WorkItemReference("p", "story", "23"));

            Assert.Equal(8, sink.EmittedOf<WorkflowNode>().Count());
            Assert.Equal(new[] { "22", "23" }, sink.EmittedOf<WorkflowNode>().Select(n => n.WorkItemId).Distinct().OrderBy(x => x));
            var error = Assert.Single(sink.Errors);
            Assert.Equal("WorkItemNotFound", error.ErrorId);
            Assert.Equal("999", error.Target);
            Assert.Contains("p/story/999", error.Message);
            Assert.Equal(3, Queries.Count);
            Assert.False(sink.CalledOffThread);
        }

        [Theory]
        [InlineData("p", "story", "abc", "WorkItemIdInvalid")]
        [InlineData("p", "story", "", "RequiredValueMissing")]
        [InlineData("..", "story", "21", "PathValueInvalid")]
        [InlineData("p", ".", "21", "PathValueInvalid")]
        [InlineData("p", "a/b", "21", "PathValueInvalid")]
        [InlineData("p%2e", "story", "21", "PathValueInvalid")]
        public void A_reference_that_cannot_be_sent_is_refused_locally(string project, string type, string id, string errorId)
        {
            var sink = Query(new WorkItemReference(project, type, id));

            var error = Assert.Single(sink.Errors);
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Empty(sink.Emitted);
            Assert.Empty(Queries);
        }

        [Fact]
        public async Task The_client_refuses_dot_segments_even_when_called_directly()
        {
            var client = _h.Connection.Client;

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.QueryWorkflowAsync(new WorkItemReference("p", "..", "21"), null, default));

            Assert.Contains("work_item_type_key", ex.Message);
            Assert.Empty(Queries);
        }

        [Fact]
        public void A_query_the_sandbox_refuses_for_flow_type_is_reported_with_the_table_s_error_id()
        {
            // The sandbox's items are node flows; a state-flow item answers 20026, which the table names.
            var scripted = new ScriptedService();
            using var server = SandboxServer.Start(0, new[] { scripted });
            scripted.Default = r => r.Path.EndsWith("plugin_token", StringComparison.Ordinal) ? Token() : ProjectEnvelope(400, 20026, null);
            using var connection = ScriptedConnection(server);

            var sink = new RecordingSink();
            var operation = new GetWorkflowNodeOperation(connection, sink);
            operation.Process(new WorkItemReference("p", "bug", "7"), "7");
            operation.Complete();

            Assert.Equal("WorkItemIsStateFlow", Assert.Single(sink.Errors).ErrorId);
        }

        [Fact]
        public async Task The_client_reads_every_node_field_the_official_SDK_defines()
        {
            var scripted = new ScriptedService();
            using var server = SandboxServer.Start(0, new[] { scripted });
            var node = JsonNode.Parse("""
                { "id": "", "state_key": "review", "name": "Review", "status": 7, "owners": ["u1"],
                  "node_schedule": { "points": 1.5, "estimate_start_date": 1722182400000, "estimate_end_date": 1722787200000,
                                     "actual_work_time": 2, "is_auto": true, "planned_construction_period": 4 },
                  "schedules": [ { "owners": ["u1"], "points": 1 } ],
                  "fields": [ { "field_key": "f1", "field_alias": "a1", "field_type_key": "select", "field_name": "Priority",
                                "field_value": { "label": "P0", "value": "p0" }, "target_state": { "state_key": "closed", "transition_id": 9007199254740993 } } ],
                  "role_assignee": [ { "role": "PM", "name": "Product", "owners": [] } ],
                  "actual_begin_time": "2024-07-29T10:00:00Z", "actual_finish_time": "not a time",
                  "different_schedule": true, "milestone": true, "participants": ["u9"], "sub_tasks": [] }
                """)!;
            scripted.Default = r => r.Path.EndsWith("plugin_token", StringComparison.Ordinal)
                ? Token()
                : ProjectEnvelope(200, 0, new JsonObject { ["workflow_nodes"] = new JsonArray(node.DeepClone()) });
            using var connection = ScriptedConnection(server);

            var nodes = await connection.Client.QueryWorkflowAsync(new WorkItemReference("p", "story", "8"), null, default);

            var n = Assert.Single(nodes);
            Assert.Equal(("review", "Review", WorkflowNodeStatus.Unknown), (n.NodeId, n.Name, n.Status));
            Assert.Equal((1.5, 2.0, true, 4), (n.Schedule!.Points, n.Schedule.ActualWorkTime!.Value, n.Schedule.IsAuto!.Value, n.Schedule.PlannedConstructionPeriod!.Value));
            Assert.Equal(new[] { "u1" }, Assert.Single(n.Schedules).Owners);
            var field = Assert.Single(n.Fields);
            Assert.Equal(("f1", "a1", "select", "Priority"), (field.FieldKey, field.FieldAlias, field.FieldTypeKey, field.FieldName));
            Assert.Equal(("closed", 9007199254740993L), (field.TargetState!.StateKey, field.TargetState.TransitionId!.Value));
            Assert.Equal("Product", Assert.Single(n.RoleAssignee).Name);
            Assert.Empty(n.RoleAssignee[0].Owners!);
            Assert.Equal(new DateTimeOffset(2024, 7, 29, 10, 0, 0, TimeSpan.Zero), n.ActualBeginTime);
            Assert.Null(n.ActualFinishTime);
            Assert.True(n.DifferentSchedule && n.Milestone);
            Assert.Equal(new[] { "u9" }, n.Participants);
        }

        private static SandboxResponse Token() => SandboxResponse.Json(200, new JsonObject
        {
            ["data"] = new JsonObject { ["token"] = "p-scripted", ["expire_time"] = 7200 },
            ["error"] = new JsonObject { ["code"] = 0, ["msg"] = "success" },
        });

        private static SandboxResponse ProjectEnvelope(int status, long code, JsonNode? data) => SandboxResponse.Json(status, new JsonObject
        {
            ["err_code"] = code, ["err_msg"] = code == 0 ? "" : "refused", ["err"] = new JsonObject { ["code"] = code }, ["data"] = data,
        });

        private static FeishuProjectConnection ScriptedConnection(SandboxServer server) =>
            Connector.Create(new FeishuProjectConnectionOptions
            {
                PluginId = "MII_TEST", PluginSecret = new SecretValue("s"), UserKey = ProjectHarness.UserKey, BaseUri = new Uri(server.BaseUri, "scripted/"),
                Resilience = new ResilienceSettings { BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryAttempts = 1 },
            });
    }
}
