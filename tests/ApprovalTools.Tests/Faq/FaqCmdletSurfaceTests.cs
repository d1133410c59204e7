using System.Management.Automation;
using ApprovalTools.Commands;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Faq
{
    /// <summary>The compiled attributes of Get-ApprovalTask, Clear-ExternalInstance and Sync-ExternalInstance -Verify.</summary>
    public sealed class FaqCmdletSurfaceTests
    {
        [Fact]
        public void Get_ApprovalTask_pages_and_completes_topics_and_id_types()
        {
            var s = CmdletSurface.Of<GetApprovalTaskCommand>();

            Assert.Equal("Get-ApprovalTask", s.Name);
            Assert.Equal(true, s.Named("SupportsPaging"));
            Assert.False(s.SupportsShouldProcess);
            Assert.Contains(typeof(ApprovalTask).FullName!, s.OutputTypeNames);
            var user = s.Parameter("UserId");
            Assert.True(user.Mandatory);
            Assert.True(user.FromPipelineByPropertyName);
            Assert.Contains("user_id", user.Aliases);
            Assert.Equal(new[] { "open_id", "union_id", "user_id" }, s.Parameter("UserIdType").ValidateSet);
            Assert.Equal("open_id", new GetApprovalTaskCommand().UserIdType);
            Assert.Equal(typeof(TaskTopic), s.Parameter("Topic").Type);
            Assert.Equal(TaskTopic.Todo, new GetApprovalTaskCommand().Topic);
            Assert.Equal(new[] { "Todo", "Done", "Initiated", "UnreadCc", "ReadCc" }, Enum.GetNames<TaskTopic>());
            Assert.True(s.Parameter("PageSize").HasAttribute("ValidateRangeAttribute"));
            Assert.Equal(100, new GetApprovalTaskCommand().PageSize);
            Assert.Equal(typeof(ApprovalTools.Core.Approval.Protocol.FeishuConnection), s.Parameter("Connection").Type);
        }

        [Fact]
        public void Clear_ExternalInstance_is_High_impact_and_binds_codes_by_property_name()
        {
            var s = CmdletSurface.Of<ClearExternalInstanceCommand>();

            Assert.Equal("Clear-ExternalInstance", s.Name);
            Assert.True(s.SupportsShouldProcess);
            Assert.Equal("High", s.ConfirmImpact);
            Assert.Contains(typeof(SyncResult).FullName!, s.OutputTypeNames);
            foreach (var name in new[] { "ApprovalCode", "InstanceId" })
            {
                Assert.True(s.Parameter(name).Mandatory);
                Assert.True(s.Parameter(name).FromPipelineByPropertyName);
            }
            Assert.Contains("approval_code", s.Parameter("ApprovalCode").Aliases);
            Assert.Contains("instance_id", s.Parameter("InstanceId").Aliases);
            Assert.Equal(typeof(SwitchParameter), s.Parameter("Force").Type);
            Assert.True(s.Parameter("InputObject").FromPipeline);
            Assert.Equal(typeof(ApprovalTools.Core.Approval.Protocol.FeishuConnection), s.Parameter("Connection").Type);
        }

        [Fact]
        public void Get_ApprovalTask_output_carries_the_properties_Clear_ExternalInstance_binds()
        {
            var clear = CmdletSurface.Of<ClearExternalInstanceCommand>();
            var bound = clear.Parameters.Where(p => p.Mandatory && p.FromPipelineByPropertyName).Select(p => p.Name).ToList();

            Assert.Equal(new[] { "ApprovalCode", "InstanceId" }, bound.OrderBy(n => n));
            Assert.All(bound, name => Assert.NotNull(typeof(ApprovalTask).GetProperty(name)));
            // The result of a clear names the same instance under the same names (re-query, re-test).
            Assert.All(bound, name => Assert.NotNull(typeof(SyncResult).GetProperty(name)));
        }

        [Fact]
        public void Sync_ExternalInstance_has_a_Verify_switch_and_results_carry_the_verdict()
        {
            var s = CmdletSurface.Of<SyncExternalInstanceCommand>();

            Assert.Equal(typeof(SwitchParameter), s.Parameter("Verify").Type);
            Assert.Equal(typeof(VerifyState), typeof(SyncResult).GetProperty("Verified")!.PropertyType);
            Assert.NotNull(typeof(SyncResult).GetProperty("ServerUpdateTime"));
        }
    }
}
