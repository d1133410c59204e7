using ApprovalTools.Core.Project;
using ApprovalTools.Sandbox.Project;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    /// <summary>The sandbox's seeding and flow rules (state only; HTTP is covered by the end-to-end tests).</summary>
    public sealed class ProjectSandboxTests : IDisposable
    {
        private readonly ProjectHarness _h = new();

        public void Dispose() => _h.Dispose();

        [Fact]
        public void A_json_seed_builds_a_small_dag_whose_join_arrives_when_both_branches_complete()
        {
            var count = _h.Project.LoadSeed(@"{ ""work_items"": [ { ""project_key"": ""p"", ""work_item_type_key"": ""story"", ""work_item_id"": ""7"",
                ""nodes"": [ { ""id"": ""start"", ""status"": ""completed"" },
                             { ""id"": ""fe"", ""needs"": [""start""] }, { ""id"": ""be"", ""needs"": [""start""] },
                             { ""id"": ""join"", ""needs"": [""fe"", ""be""], ""required_owner"": true } ] } ] }");
            Assert.Equal(1, count);
            var item = _h.Project.WorkItem("p", "story", "7")!;
            Assert.Equal(NodeStatus.Arrived, item.Node("fe").Status);
            Assert.Equal(NodeStatus.Arrived, item.Node("be").Status);

            _h.Run(ProjectHarness.Confirm("7", "fe"));
            Assert.Equal(NodeStatus.NotArrived, item.Node("join").Status);
            _h.Run(ProjectHarness.Confirm("7", "be"));
            Assert.Equal(NodeStatus.Arrived, item.Node("join").Status);
            Assert.True(item.Node("join").RequiredOwner);

            _h.Run(ProjectHarness.Rollback("7", "fe", "redo"));
            Assert.Equal(NodeStatus.Arrived, item.Node("fe").Status);
            Assert.Equal(NodeStatus.Completed, item.Node("be").Status);
            Assert.Equal(NodeStatus.NotArrived, item.Node("join").Status);
        }

        [Fact]
        public void The_demo_seed_has_the_readme_items()
        {
            _h.Project.SeedDemo();

            Assert.Equal(NodeStatus.Arrived, _h.Project.Node("demo", "story", "1001", "start").Status);
            Assert.True(_h.Project.Node("demo", "story", "1001", "design").RequiredOwner);
            Assert.True(_h.Project.WorkItem("demo", "story", "1004")!.Aborted);
            Assert.NotNull(_h.Project.WorkItem("demo", "story", "6300000000000000001"));
            Assert.Throws<FormatException>(() => _h.Project.LoadSeed("{ \"work_items\": [ { \"project_key\": \"p\" } ] }"));
        }

        [Fact]
        public void The_demo_flow_runs_end_to_end_when_each_requirement_is_met()
        {
            _h.Project.SeedDemo();
            NodeOperationRequest Demo(string node) => ProjectHarness.Confirm("1001", node, "demo");
            var design = Demo("design");
            design.NodeOwners = new List<string> { "u1" };
            var develop = Demo("develop");
            develop.NodeSchedule = new NodeSchedule { Points = 3, EstimateStartDate = DateTimeOffset.FromUnixTimeMilliseconds(1722182400000), EstimateEndDate = DateTimeOffset.FromUnixTimeMilliseconds(1722355199999) };
            develop.Fields = new List<FieldValuePair> { new() { FieldAlias = "priority", FieldValue = new Dictionary<string, object> { ["label"] = "P1", ["value"] = "P1" } } };
            var test = Demo("test");
            test.RoleAssignee = new List<RoleOwner> { new("QA", "u2") };

            var sink = _h.Run(1, Demo("start"), design, develop, test, Demo("done"));

            Assert.Empty(sink.Errors);
            Assert.All(_h.Project.WorkItem("demo", "story", "1001")!.Nodes, n => Assert.Equal(NodeStatus.Completed, n.Status));
        }
    }
}
