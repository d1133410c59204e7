using System.Text.Json.Nodes;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Sandbox.Project;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    /// <summary>Invoke-NodeOperation's Core operation end to end over HTTP against the sandbox.</summary>
    public sealed class NodeOperationTests : IDisposable
    {
        private readonly ProjectHarness _h = new();

        public void Dispose() => _h.Dispose();

        [Fact]
        public void Confirm_completes_the_node_and_the_next_one_arrives()
        {
            var item = _h.Item("11");

            var sink = _h.Run(ProjectHarness.Confirm("11", "start"));

            Assert.Empty(sink.Errors);
            var result = Assert.Single(sink.EmittedOf<NodeOperationResult>());
            Assert.Equal(("p", "story", "11", "start", NodeAction.Confirm), (result.ProjectKey, result.WorkItemTypeKey, result.WorkItemId, result.NodeId, result.Action));
            Assert.Equal(1, result.Attempts);
            Assert.StartsWith("sandbox", result.LogId);
            Assert.Equal(NodeStatus.Completed, item.Node("start").Status);
            Assert.Equal(NodeStatus.Arrived, item.Node("design").Status);
            Assert.Equal(NodeStatus.NotArrived, item.Node("develop").Status);

            var sent = Assert.Single(_h.Operates);
            Assert.Equal("/open_api/p/workflow/story/11/node/start/operate", sent.Path);
            Assert.Equal(result.IdempotencyKey, sent.Header("X-IDEM-UUID"));
            Assert.Equal(ProjectHarness.UserKey, sent.Header("X-USER-KEY"));
            Assert.StartsWith("p-", sent.Header("X-PLUGIN-TOKEN"));
            var body = ProjectHarness.Body(sent);
            Assert.Equal("confirm", (string?)body["action"]);
            Assert.False(body.ContainsKey("rollback_reason"));
            Assert.False(body.ContainsKey("node_owners"));
            Assert.Equal(1, _h.Project.TimesApplied(result.IdempotencyKey));
        }

        [Fact]
        public void Rollback_moves_the_flow_back_to_the_completed_node_and_resets_later_ones()
        {
            var item = _h.Item("12");
            _h.Run(ProjectHarness.Confirm("12", "start"));
            _h.Run(ProjectHarness.Confirm("12", "design"));
            Assert.Equal(NodeStatus.Arrived, item.Node("develop").Status);

            var sink = _h.Run(ProjectHarness.Rollback("12", "start", "需求变更"));

            Assert.Empty(sink.Errors);
            Assert.Equal(NodeAction.Rollback, Assert.Single(sink.EmittedOf<NodeOperationResult>()).Action);
            Assert.Equal(NodeStatus.Arrived, item.Node("start").Status);
            Assert.Equal(NodeStatus.NotArrived, item.Node("design").Status);
            Assert.Equal(NodeStatus.NotArrived, item.Node("develop").Status);
            Assert.Equal("需求变更", item.Node("start").LastRollbackReason);
            var body = ProjectHarness.Body(_h.Operates.Last());
            Assert.Equal("rollback", (string?)body["action"]);
            Assert.Equal("需求变更", (string?)body["rollback_reason"]);
        }

        [Fact]
        public void Rollback_without_a_reason_is_rejected_locally_and_nothing_is_sent()
        {
            var item = _h.Item("13");
            _h.Run(ProjectHarness.Confirm("13", "start"));
            var request = ProjectHarness.Rollback("13", "start", "  ");
            var before = _h.Operates.Count;

            var sink = _h.Run(request);

            var error = Assert.Single(sink.Errors);
            Assert.Equal("RollbackReasonRequired", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Contains("rollback_reason", error.Message);
            Assert.Same(request, error.Target);
            Assert.Empty(sink.Emitted);
            Assert.Equal(before, _h.Operates.Count);
            Assert.Equal(NodeStatus.Completed, item.Node("start").Status);
        }

        [Fact]
        public void Omitted_owners_are_left_alone_while_an_empty_list_removes_them_all()
        {
            var a = _h.Item("21");
            var b = _h.Item("22");
            a.Node("start").Owners = new List<string> { "u1", "u2" };
            b.Node("start").Owners = new List<string> { "u1", "u2" };
            var keep = ProjectHarness.Confirm("21", "start");
            var clear = ProjectHarness.Confirm("22", "start");
            clear.NodeOwners = new List<string>();

            var sink = _h.Run(1, keep, clear);

            Assert.Empty(sink.Errors);
            Assert.Equal(new[] { "u1", "u2" }, a.Node("start").Owners);
            Assert.Empty(b.Node("start").Owners);
            var bodies = _h.Operates.ToDictionary(r => r.Path, ProjectHarness.Body);
            Assert.False(bodies["/open_api/p/workflow/story/21/node/start/operate"].ContainsKey("node_owners"));
            var sent = Assert.IsType<JsonArray>(bodies["/open_api/p/workflow/story/22/node/start/operate"]["node_owners"]);
            Assert.Empty(sent);
        }

        [Fact]
        public void Owners_schedule_fields_and_roles_are_sent_and_stored()
        {
            var item = _h.Item("23");
            var request = ProjectHarness.Confirm("23", "start");
            request.NodeOwners = new List<string> { "7136000000000000676" };
            request.NodeSchedule = new NodeSchedule
            {
                Points = 5,
                EstimateStartDate = DateTimeOffset.FromUnixTimeMilliseconds(1722182400000),
                EstimateEndDate = DateTimeOffset.FromUnixTimeMilliseconds(1722355199999),
            };
            request.Fields = new List<FieldValuePair>
            {
                new() { FieldKey = "field_priority", FieldTypeKey = "select", FieldValue = new Dictionary<string, object> { ["label"] = "P1", ["value"] = "P1" } },
                new() { FieldAlias = "sentry_link", FieldValue = "https://sentry/1" },
            };
            request.RoleAssignee = new List<RoleOwner> { new("PM", "u9"), new("QA") };

            var sink = _h.Run(request);

            Assert.Empty(sink.Errors);
            var node = item.Node("start");
            Assert.Equal(new[] { "7136000000000000676" }, node.Owners);
            Assert.Equal(5, (double)node.Schedule!["points"]!);
            Assert.Equal(1722182400000, (long)node.Schedule["estimate_start_date"]!);
            Assert.Equal("P1", (string?)node.Fields["field_priority"]!["value"]);
            Assert.Equal("https://sentry/1", (string?)node.Fields["field_text"]);
            Assert.Equal(new[] { "u9" }, node.Roles["PM"]);
            Assert.Empty(node.Roles["QA"]);
            var body = ProjectHarness.Body(_h.Operates.Single());
            Assert.Equal(1722355199999, (long)body["node_schedule"]!["estimate_end_date"]!);
            Assert.Equal("field_priority", (string?)body["fields"]![0]!["field_key"]);
            Assert.Equal("select", (string?)body["fields"]![0]!["field_type_key"]);
        }

        [Fact]
        public void Csv_shaped_rows_of_strings_stream_through_and_a_bad_row_fails_alone()
        {
            _h.Item("31");
            _h.Item("32");
            var rows = new object[]
            {
                new Dictionary<string, object> { ["project_key"] = "p", ["work_item_type_key"] = "story", ["work_item_id"] = "31", ["node_id"] = "start", ["action"] = "confirm", ["rollback_reason"] = "", ["node_owners"] = "" },
                new Dictionary<string, object> { ["project_key"] = "p", ["work_item_type_key"] = "story", ["work_item_id"] = "3x", ["node_id"] = "start", ["action"] = "confirm" },
                new Dictionary<string, object> { ["ProjectKey"] = "p", ["WorkItemTypeKey"] = "story", ["WorkItemId"] = " 32 ", ["NodeId"] = "start", ["Action"] = "Confirm", ["node_owners"] = "u1;u2" },
            };

            var sink = _h.Run(rows);

            Assert.Equal(new[] { "31", "32" }, sink.EmittedOf<NodeOperationResult>().Select(r => r.WorkItemId).OrderBy(x => x));
            var error = Assert.Single(sink.Errors);
            Assert.Equal("WorkItemIdInvalid", error.ErrorId);
            Assert.Same(rows[1], error.Target);
            Assert.Equal(2, _h.Operates.Count);
            Assert.False(ProjectHarness.Body(_h.Operates.Single(r => r.Path.Contains("/31/"))).ContainsKey("node_owners"));
            Assert.Equal(new[] { "u1", "u2" }, _h.Project.Node("p", "story", "32", "start").Owners);
            Assert.False(sink.CalledOffThread);
        }

        [Fact]
        public void A_work_item_id_beyond_2_pow_53_keeps_every_digit()
        {
            _h.Item("6300000000000000001");

            var sink = _h.Run(ProjectHarness.Confirm("6300000000000000001", "start"));

            Assert.Empty(sink.Errors);
            Assert.Equal("/open_api/p/workflow/story/6300000000000000001/node/start/operate", _h.Operates.Single().Path);
            Assert.Equal(NodeStatus.Completed, _h.Project.Node("p", "story", "6300000000000000001", "start").Status);
        }

        [Fact]
        public void WhatIf_sends_nothing_and_writes_nothing()
        {
            var item = _h.Item("41");
            var sink = new Support.RecordingSink { ProcessAnswer = _ => false };
            var operation = new Core.Project.Operations.NodeOperation(_h.Connection, sink);

            operation.Process(ProjectHarness.Confirm("41", "start"));
            operation.Complete();

            Assert.Equal(("p/story/41 node start", "Confirm"), Assert.Single(sink.ShouldProcessCalls));
            Assert.Empty(sink.Emitted);
            Assert.Empty(sink.Errors);
            Assert.Empty(_h.Operates);
            Assert.Equal(NodeStatus.Arrived, item.Node("start").Status);
        }

        [Fact]
        public void Many_items_run_concurrently_and_each_gets_its_own_idempotency_key()
        {
            var requests = Enumerable.Range(100, 20).Select(i => { _h.Item(i.ToString()); return (object)ProjectHarness.Confirm(i.ToString(), "start"); }).ToArray();

            var sink = _h.Run(6, requests);

            Assert.Empty(sink.Errors);
            var results = sink.EmittedOf<NodeOperationResult>().ToList();
            Assert.Equal(20, results.Count);
            Assert.Equal(20, results.Select(r => r.IdempotencyKey).Distinct().Count());
            Assert.All(results, r => Assert.Equal(1, _h.Project.TimesApplied(r.IdempotencyKey)));
            Assert.False(sink.CalledOffThread);
        }

        [Fact]
        public void Verbose_output_and_errors_never_contain_the_secret_or_the_token()
        {
            _h.Item("42");
            var sink = _h.Run(ProjectHarness.Confirm("42", "start"), ProjectHarness.Confirm("42", "start"));

            var token = _h.Operates.First().Header("X-PLUGIN-TOKEN")!;
            var all = string.Join("\n", sink.VerboseLines.Concat(sink.Errors.Select(e => e.Message)));
            Assert.Contains("node/start/operate", all);
            Assert.DoesNotContain(ProjectHarness.Secret, all);
            Assert.DoesNotContain(token, all);
            Assert.DoesNotContain(ProjectHarness.Secret, _h.Connection.ToString());
        }
    }
}
