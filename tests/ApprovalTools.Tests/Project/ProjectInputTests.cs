using System.Collections;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Project;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    /// <summary>Loose input (hashtables with PowerShell or wire names, CSV strings) into models, and the local rules.</summary>
    public sealed class ProjectInputTests
    {
        [Fact]
        public void A_schedule_hashtable_takes_wire_or_powershell_names_and_milliseconds()
        {
            var schedule = ProjectInput.ToSchedule(new Hashtable { ["points"] = 5, ["estimate_start_date"] = 1722182400000L, ["EstimateEndDate"] = "1722355199999" }, "NodeSchedule");

            Assert.Equal(5, schedule.Points);
            Assert.Equal(1722182400000, schedule.EstimateStartDate!.Value.ToUnixTimeMilliseconds());
            Assert.Equal(1722355199999, schedule.EstimateEndDate!.Value.ToUnixTimeMilliseconds());
        }

        [Fact]
        public void A_date_in_seconds_is_refused_with_the_reason()
        {
            var ex = Assert.Throws<ArgumentException>(() => ProjectInput.ToSchedule(new Hashtable { ["estimate_start_date"] = 1722182400 }, "NodeSchedule"));
            Assert.Contains("NodeSchedule.estimate_start_date", ex.Message);
            Assert.Contains("looks like seconds", ex.Message);
        }

        [Fact]
        public void An_unknown_key_is_named()
        {
            var ex = Assert.Throws<ArgumentException>(() => ProjectInput.ToField(new Hashtable { ["field_kye"] = "x" }, "Field[0]"));
            Assert.Contains("fieldkye", ex.Message);
            Assert.Contains("Field[0]", ex.Message);
        }

        [Fact]
        public void Field_values_keep_their_json_shape()
        {
            var field = ProjectInput.ToField(new Hashtable { ["field_key"] = "f", ["field_value"] = new Hashtable { ["label"] = "选项1", ["value"] = "8lheuaepp" } }, "f");
            var node = WireValue.From(field.FieldValue);

            Assert.Equal("8lheuaepp", (string?)node!["value"]);
            Assert.Equal("[\"a\",1,true]", WireValue.From(new object[] { "a", 1, true })!.ToJsonString());
            Assert.Equal(1722182400000, (long)WireValue.From(DateTimeOffset.FromUnixTimeMilliseconds(1722182400000))!);
        }

        [Fact]
        public void A_role_needs_explicit_owners_and_an_empty_list_clears()
        {
            var clear = ProjectInput.ToRole(new Hashtable { ["role"] = "PM", ["owners"] = new object[0] }, "r");
            Assert.Empty(clear.Owners!);

            var request = Valid();
            request.RoleAssignee = new List<RoleOwner> { ProjectInput.ToRole(new Hashtable { ["role"] = "PM" }, "r") };
            Assert.Equal("RoleOwnersRequired", NodeOperationValidator.Validate(request)!.ErrorId);
        }

        [Fact]
        public void A_csv_row_with_an_empty_owner_cell_means_no_change()
        {
            var row = new Dictionary<string, string> { ["project_key"] = "p", ["work_item_type_key"] = "story", ["work_item_id"] = "1", ["node_id"] = "n", ["action"] = "Rollback", ["rollback_reason"] = "r", ["node_owners"] = " " };

            var request = ProjectInput.ToRequest(row);

            Assert.Null(request.NodeOwners);
            Assert.Equal(NodeAction.Rollback, request.Action);
            Assert.Null(NodeOperationValidator.Validate(request));
        }

        [Fact]
        public void An_unknown_action_is_refused()
        {
            var ex = Assert.Throws<ArgumentException>(() => ProjectInput.ToRequest(new Hashtable { ["action"] = "approve" }));
            Assert.Contains("Confirm, Rollback or Update", ex.Message);
        }

        public static IEnumerable<object[]> Violations() => new[]
        {
            new object[] { (Action<NodeOperationRequest>)(r => r.ProjectKey = ""), "RequiredValueMissing", "project_key" },
            new object[] { (Action<NodeOperationRequest>)(r => r.WorkItemTypeKey = null), "RequiredValueMissing", "work_item_type_key" },
            new object[] { (Action<NodeOperationRequest>)(r => r.WorkItemId = "12.5"), "WorkItemIdInvalid", "work_item_id" },
            new object[] { (Action<NodeOperationRequest>)(r => r.WorkItemId = "99999999999999999999"), "WorkItemIdInvalid", "19 digits" },
            new object[] { (Action<NodeOperationRequest>)(r => r.NodeId = null), "RequiredValueMissing", "node_id" },
            new object[] { (Action<NodeOperationRequest>)(r => r.NodeId = "a/b"), "PathValueInvalid", "a/b" },
            new object[] { (Action<NodeOperationRequest>)(r => r.Action = null), "RequiredValueMissing", "action" },
            new object[] { (Action<NodeOperationRequest>)(r => { r.Action = NodeAction.Rollback; r.RollbackReason = null; }), "RollbackReasonRequired", "rollback_reason" },
            new object[] { (Action<NodeOperationRequest>)(r => r.NodeOwners = new List<string> { "" }), "NodeOwnerInvalid", "node_owners" },
            new object[] { (Action<NodeOperationRequest>)(r => r.Fields = new List<FieldValuePair> { new() { FieldValue = 1 } }), "FieldKeyRequired", "fields[0]" },
            new object[] { (Action<NodeOperationRequest>)(r => r.RoleAssignee = new List<RoleOwner> { new() { Owners = new List<string>() } }), "RequiredValueMissing", "role_assignee[0].role" },
            new object[] { (Action<NodeOperationRequest>)(r => r.NodeSchedule = new NodeSchedule { EstimateStartDate = DateTimeOffset.FromUnixTimeMilliseconds(1722355199999), EstimateEndDate = DateTimeOffset.FromUnixTimeMilliseconds(1722182400000) }), "ScheduleInvalid", "estimate_start_date" },
            new object[] { (Action<NodeOperationRequest>)(r => r.Schedules = new List<NodeSchedule> { new() { Points = -1 } }), "ScheduleInvalid", "schedules[0].points" },
            new object[] { (Action<NodeOperationRequest>)(r => r.NodeSchedule = new NodeSchedule { EstimateStartDate = DateTimeOffset.FromUnixTimeSeconds(100) }), "ScheduleInvalid", "milliseconds" },
        };

        [Theory]
        [MemberData(nameof(Violations))]
        public void Each_local_rule_names_the_field(Action<NodeOperationRequest> breakIt, string errorId, string mentions)
        {
            var request = Valid();
            breakIt(request);

            var problem = NodeOperationValidator.Validate(request);

            Assert.NotNull(problem);
            Assert.Equal(errorId, problem!.ErrorId);
            Assert.Contains(mentions, problem.Message);
        }

        [Fact]
        public void The_wire_body_omits_what_is_not_given_and_keeps_empty_lists()
        {
            var request = Valid();
            request.RollbackReason = "ignored for confirm";
            request.Schedules = new List<NodeSchedule>();
            var body = JsonNode.Parse(Core.Project.Json.NodeOperateWire.Body(request))!.AsObject();

            Assert.Equal(new[] { "action", "schedules" }, body.Select(p => p.Key));
            Assert.Empty(body["schedules"]!.AsArray());
        }

        private static NodeOperationRequest Valid() => new()
        {
            ProjectKey = "p", WorkItemTypeKey = "story", WorkItemId = "6300000000000000001", NodeId = "n", Action = NodeAction.Confirm,
        };
    }
}
