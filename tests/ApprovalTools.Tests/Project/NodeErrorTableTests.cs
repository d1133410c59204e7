using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    public sealed class NodeErrorTableTests
    {
        [Theory]
        [InlineData("The current workflow is in transition", "Node workflow transitioning", "NodeInTransition", FailureHandling.Transient)]
        [InlineData("Sub Task Not Completed", "Node A cannot be completed because task B is not completed", "SubTaskNotCompleted", FailureHandling.Permanent)]
        [InlineData("task has been finished", "Task has been finished", "NodeTaskAlreadyFinished", FailureHandling.Permanent)]
        [InlineData("No right to edit", "Unable to edit Transition note (field_1)", "NoRightToEdit", FailureHandling.Permanent)]
        [InlineData("Param invalid", "Transition flag(field_2) Should Be Passed", "NodeFieldValueRequired", FailureHandling.Permanent)]
        [InlineData("workflow err", "workflow err", "WorkflowError", FailureHandling.Permanent)]
        [InlineData("openapi system err, please try again later", null, "ServiceBusy", FailureHandling.Transient)]
        public void The_50006_variants_are_told_apart_by_their_text(string errMsg, string? inner, string errorId, FailureHandling handling)
        {
            var row = NodeErrorTable.Find(50006, errMsg, inner)!;
            Assert.Equal(errorId, row.ErrorId);
            Assert.Equal(handling, row.Handling);
        }

        [Theory]
        [InlineData("Person in charge is required", "Owner Required", "NodeOwnerRequired")]
        [InlineData("Param missing", "Controller review(field_role) Required", "NodeFieldRequired")]
        [InlineData("Estimates and schedules are required", "Dev 估分and schedule required", "NodeScheduleRequired")]
        [InlineData("This role info is mandatory", "role QA(qa) Required", "NodeRoleRequired")]
        [InlineData("The node actual working time is mandatory", "Node dev 实际工时 is required.", "NodeActualWorkTimeRequired")]
        [InlineData("Required Field Is Not Set", "Milestone due time is required", "NodeDueTimeRequired")]
        [InlineData(null, "role PM(pm) Required", "NodeRoleRequired")]
        [InlineData("Something new", "unknown", "NodeFieldRequired")]
        public void The_20038_variants_are_told_apart_by_their_text(string? errMsg, string inner, string errorId)
        {
            Assert.Equal(errorId, NodeErrorTable.Find(20038, errMsg, inner)!.ErrorId);
        }

        [Fact]
        public void The_transition_wait_is_at_least_2_seconds_and_token_codes_replay()
        {
            Assert.True(NodeErrorTable.TransitionWait >= TimeSpan.FromSeconds(2));
            Assert.Equal(FailureHandling.TokenRejected, NodeErrorTable.Find(10022, null, null)!.Handling);
            Assert.Equal(FailureHandling.TokenRejected, NodeErrorTable.Find(10211, null, null)!.Handling);
            Assert.Equal(FailureHandling.RateLimited, NodeErrorTable.Find(10429, null, null)!.Handling);
            Assert.Null(NodeErrorTable.Find(123456, "x", "y"));
        }

        [Fact]
        public void Every_error_id_is_punctuation_free_and_every_row_has_a_hint()
        {
            Assert.All(NodeErrorTable.All, row =>
            {
                Assert.Matches("^[A-Za-z]+$", row.ErrorId);
                Assert.False(string.IsNullOrWhiteSpace(row.Hint));
            });
        }
    }
}
