using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;
using ApprovalTools.Core.Project;
using ApprovalTools.Sandbox.Project;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    /// <summary>Every error the sandbox produces from a matching condition, and every row of seed 003's table, end to end.</summary>
    public sealed class NodeErrorTests : IDisposable
    {
        private readonly ProjectHarness _h = new();

        public void Dispose() => _h.Dispose();

        private OperationError FailsWith(NodeOperationRequest request, string errorId, ErrorKind kind, string hintPart)
        {
            var sink = _h.Run(request);
            Assert.Empty(sink.Emitted);
            var error = Assert.Single(sink.Errors);
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(kind, error.Kind);
            Assert.Contains(hintPart, error.Message);
            Assert.Contains(hintPart, error.RecommendedAction);
            Assert.Same(request, error.Target);
            var api = Assert.IsType<ApiException>(error.Exception);
            Assert.Equal(ServiceKind.FeishuProject, api.Service);
            Assert.NotNull(api.LogId);
            return error;
        }

        [Fact]
        public void Confirming_a_completed_node_is_20017()
        {
            var item = _h.Item("1");
            item.Node("start").Status = NodeStatus.Completed;
            var error = FailsWith(ProjectHarness.Confirm("1", "start"), "NodeIsCompleted", ErrorKind.InvalidOperation, "cannot be completed again");
            Assert.Equal(20017, ((ApiException)error.Exception!).Code);
            Assert.Single(_h.Operates);
        }

        [Fact]
        public void Confirming_a_node_that_has_not_arrived_is_20016()
        {
            _h.Item("1");
            FailsWith(ProjectHarness.Confirm("1", "develop"), "NodeNotArrived", ErrorKind.InvalidOperation, "complete the nodes before it first");
        }

        [Fact]
        public void An_unknown_node_is_20018()
        {
            _h.Item("1");
            FailsWith(ProjectHarness.Confirm("1", "nope"), "NodeNotFound", ErrorKind.ObjectNotFound, "node_id");
        }

        [Fact]
        public void A_required_owner_missing_is_20038_with_the_owner_remediation()
        {
            _h.Item("1").Node("start").RequiredOwner = true;
            FailsWith(ProjectHarness.Confirm("1", "start"), "NodeOwnerRequired", ErrorKind.InvalidData, "fill in the node owner first, then retry");
            Assert.Equal(NodeStatus.Arrived, _h.Project.Node("p", "story", "1", "start").Status);

            var fixedRequest = ProjectHarness.Confirm("1", "start");
            fixedRequest.NodeOwners = new List<string> { "u1" };
            Assert.Empty(_h.Run(fixedRequest).Errors);
        }

        [Fact]
        public void A_required_field_missing_is_20038_naming_the_field()
        {
            _h.Item("1").Node("start").RequiredFields.Add("field_priority");
            var error = FailsWith(ProjectHarness.Confirm("1", "start"), "NodeFieldRequired", ErrorKind.InvalidData, "fill in the field");
            Assert.Contains("start(field_priority) Required", error.Message);
        }

        [Fact]
        public void A_required_schedule_missing_is_20038_schedule()
        {
            _h.Item("1").Node("start").RequiredSchedule = true;
            FailsWith(ProjectHarness.Confirm("1", "start"), "NodeScheduleRequired", ErrorKind.InvalidData, "estimate (points) and schedule");
        }

        [Fact]
        public void A_required_role_missing_is_20038_role()
        {
            _h.Item("1").Node("start").RequiredRoles.Add("QA");
            var error = FailsWith(ProjectHarness.Confirm("1", "start"), "NodeRoleRequired", ErrorKind.InvalidData, "set the people of the role");
            Assert.Contains("role QA(QA) Required", error.Message);
        }

        [Fact]
        public void An_aborted_work_item_is_20007()
        {
            _h.Item("1").Aborted = true;
            FailsWith(ProjectHarness.Confirm("1", "start"), "WorkItemAborted", ErrorKind.InvalidOperation, "aborted");
        }

        [Fact]
        public void An_unknown_work_item_is_30005()
        {
            FailsWith(ProjectHarness.Confirm("999", "start"), "WorkItemNotFound", ErrorKind.ObjectNotFound, "exists");
        }

        [Fact]
        public void An_unknown_field_is_30009()
        {
            _h.Item("1");
            var request = ProjectHarness.Confirm("1", "start");
            request.Fields = new List<FieldValuePair> { new() { FieldAlias = "testin_allow", FieldValue = "x" } };
            var error = FailsWith(request, "FieldNotFound", ErrorKind.ObjectNotFound, "check that the fields being updated exist");
            Assert.Contains("testin_allow", error.Message);
        }

        [Fact]
        public void An_unavailable_option_is_20050()
        {
            _h.Item("1");
            var request = ProjectHarness.Confirm("1", "start");
            request.Fields = new List<FieldValuePair> { new("field_priority", new Dictionary<string, object> { ["value"] = "P9" }) };
            FailsWith(request, "FieldOptionInvalid", ErrorKind.InvalidData, "no longer available");
        }

        [Fact]
        public void An_unknown_role_is_20041()
        {
            _h.Item("1");
            var request = ProjectHarness.Confirm("1", "start");
            request.RoleAssignee = new List<RoleOwner> { new("Ghost", "u1") };
            FailsWith(request, "RoleOwnerNotFound", ErrorKind.InvalidData, "role_assignee");
        }

        [Fact]
        public void Rolling_back_a_node_that_is_not_completed_is_20037()
        {
            _h.Item("1");
            FailsWith(ProjectHarness.Rollback("1", "design", "why"), "NodeNotCompleted", ErrorKind.InvalidOperation, "only a completed node");
        }

        [Fact]
        public void A_failed_operation_changes_nothing_on_the_server()
        {
            var item = _h.Item("1");
            item.Node("start").RequiredRoles.Add("QA");
            var request = ProjectHarness.Confirm("1", "start");
            request.NodeOwners = new List<string> { "u1" };

            _h.Run(request);

            Assert.Empty(item.Node("start").Owners);
            Assert.Equal(NodeStatus.Arrived, item.Node("start").Status);
        }

        public static IEnumerable<object[]> SeedRows()
        {
            // Seed 003's rows in order, with the ErrorId and kind the client must give each (written out here, independently of the table).
            var expected = new (string Id, ErrorKind Kind, string Hint)[]
            {
                ("NodeIsCompleted", ErrorKind.InvalidOperation, "cannot be completed again"),
                ("NodeNotArrived", ErrorKind.InvalidOperation, "has not started yet"),
                ("NodeNotFound", ErrorKind.ObjectNotFound, "node_id"),
                ("NodeOwnerRequired", ErrorKind.InvalidData, "fill in the node owner first, then retry"),
                ("NodeFieldRequired", ErrorKind.InvalidData, "fill in the field with the field ID"),
                ("NodeScheduleRequired", ErrorKind.InvalidData, "estimate (points) and schedule"),
                ("WorkItemAborted", ErrorKind.InvalidOperation, "terminated"),
                ("NodeRoleRequired", ErrorKind.InvalidData, "set the people of the role"),
                ("NodeFieldValueRequired", ErrorKind.InvalidData, "signal value"),
                ("MissingParameter", ErrorKind.InvalidArgument, "action and rollback_reason"),
                ("NodeTaskAlreadyFinished", ErrorKind.InvalidOperation, "multi-person node"),
                ("NodeActualWorkTimeRequired", ErrorKind.InvalidData, "actual working time"),
                ("WorkItemNotFound", ErrorKind.ObjectNotFound, "exists"),
                ("WorkflowError", ErrorKind.InvalidOperation, "can still be used"),
                ("RequestIntercepted", ErrorKind.PermissionDenied, "interception rules"),
                ("SubTaskNotCompleted", ErrorKind.InvalidOperation, "complete the sub-task"),
                ("FieldOptionInvalid", ErrorKind.InvalidData, "no longer available"),
                ("WorkItemAborted", ErrorKind.InvalidOperation, "aborted"),
                ("NodeInTransition", ErrorKind.ResourceBusy, "wait 2 seconds or more"),
                ("FieldNotFound", ErrorKind.ObjectNotFound, "fields being updated exist"),
                ("NodeDueTimeRequired", ErrorKind.InvalidData, "due time"),
                ("NodeEstimateTooLow", ErrorKind.InvalidData, "sum of the estimates"),
                ("NoRightToEdit", ErrorKind.PermissionDenied, "permission"),
                ("RoleOwnerNotFound", ErrorKind.InvalidData, "role_assignee"),
            };
            Assert.Equal(expected.Length, ProjectError.SeedTable.Count);
            return expected.Select((e, i) => new object[] { i, e.Id, e.Kind, e.Hint });
        }

        [Theory]
        [MemberData(nameof(SeedRows))]
        public void Every_seed_row_becomes_its_error_id_kind_and_remediation(int row, string errorId, ErrorKind kind, string hint)
        {
            var wire = ProjectError.SeedTable[row];
            _h.Item("1");
            // The transition row is retried: answer it on every attempt so the error surfaces; the rest are answered once.
            var transient = wire.Code == 50006 && wire.ErrMsg.Contains("transition");
            if (transient) _h.Reconnect(s => s with { MaxRetryAttempts = 1 });
            _h.Project.InjectNext(Enumerable.Repeat(wire, transient ? 2 : 1).ToArray());

            var error = FailsWith(ProjectHarness.Confirm("1", "start"), errorId, kind, hint);

            var api = (ApiException)error.Exception!;
            Assert.Equal(wire.Code, api.Code);
            Assert.Equal(wire.HttpStatus, api.HttpStatus);
            Assert.Contains(wire.InnerMsg.Trim(), error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(transient, api.IsTransient);
            Assert.Equal(transient ? 2 : 1, _h.Operates.Count);
            Assert.Equal(NodeStatus.Arrived, _h.Project.Node("p", "story", "1", "start").Status);
        }
    }
}
