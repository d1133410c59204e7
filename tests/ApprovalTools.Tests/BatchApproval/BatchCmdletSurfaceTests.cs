using ApprovalTools.Commands;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.BatchApproval
{
    public sealed class BatchCmdletSurfaceTests
    {
        [Fact]
        public void Connect_BatchApproval_takes_a_base_uri_and_secrets_or_the_sandbox()
        {
            var s = CmdletSurface.Of<ConnectBatchApprovalCommand>();

            Assert.Equal("Connect-BatchApproval", s.Name);
            Assert.False(s.SupportsShouldProcess);
            Assert.Equal(new[] { "ApprovalTools.Core.BatchApproval.BatchApprovalConnection" }, s.OutputTypeNames);
            Assert.False(s.Parameter("BaseUri").MandatoryIn("BaseUri")); // BATCH_APPROVAL_BASE_URI when not given
            Assert.Equal(typeof(System.Security.SecureString), s.Parameter("Token").Type);
            Assert.Equal(typeof(System.Collections.Hashtable), s.Parameter("Header").Type);
            Assert.Equal(new[] { "Sandbox" }, s.Parameter("Sandbox").Sets);
            Assert.True(s.Parameter("Sandbox").MandatoryIn("Sandbox"));
        }

        [Fact]
        public void Submit_BatchApproval_binds_task_ids_from_the_pipeline_and_asks_before_submitting()
        {
            var s = CmdletSurface.Of<SubmitBatchApprovalCommand>();

            Assert.Equal("Submit-BatchApproval", s.Name);
            Assert.True(s.SupportsShouldProcess);
            Assert.Equal("Medium", s.ConfirmImpact);
            Assert.Equal(new[] { "ApprovalTools.Core.BatchApproval.ApprovalBatch" }, s.OutputTypeNames);
            var taskId = s.Parameter("TaskId");
            Assert.Equal(typeof(object[]), taskId.Type);
            Assert.True(taskId.Mandatory);
            Assert.True(taskId.FromPipeline);
            Assert.True(taskId.FromPipelineByPropertyName);
            Assert.Equal(new[] { "task_id", "Id" }, taskId.Aliases);
            Assert.True(taskId.HasAttribute("AllowEmptyStringAttribute"));
            Assert.True(s.Parameter("UserId").Mandatory);
            Assert.False(s.Parameter("UserId").FromPipelineByPropertyName);
            foreach (var name in new[] { "SkipCheck", "Wait", "PollInterval", "Connection" }) Assert.False(s.Parameter(name).Mandatory);
            Assert.Equal(typeof(ApprovalTools.Core.BatchApproval.BatchApprovalConnection), s.Parameter("Connection").Type);
        }

        [Fact]
        public void Get_BatchApprovalProgress_takes_batch_objects_or_user_and_number()
        {
            var s = CmdletSurface.Of<GetBatchApprovalProgressCommand>();

            Assert.Equal("Get-BatchApprovalProgress", s.Name);
            Assert.False(s.SupportsShouldProcess);
            Assert.Equal("ByNumber", s.DefaultParameterSetName);
            Assert.Equal(new[] { "ApprovalTools.Core.BatchApproval.ApprovalBatch" }, s.OutputTypeNames);
            Assert.True(s.Parameter("Batch").FromPipeline);
            Assert.True(s.Parameter("Batch").MandatoryIn("Batch"));
            foreach (var (name, alias) in new[] { ("UserId", "user_id"), ("BatchNumber", "batch_number") })
            {
                var p = s.Parameter(name);
                Assert.True(p.MandatoryIn("ByNumber"));
                Assert.True(p.FromPipelineByPropertyName);
                Assert.Contains(alias, p.Aliases);
            }
            Assert.Contains("__AllParameterSets", s.Parameter("Wait").Sets);
        }

        [Fact]
        public void Test_BatchApproval_is_a_read_with_one_result_per_task()
        {
            var s = CmdletSurface.Of<TestBatchApprovalCommand>();

            Assert.Equal("Test-BatchApproval", s.Name);
            Assert.False(s.SupportsShouldProcess);
            Assert.Equal(new[] { "ApprovalTools.Core.BatchApproval.BatchTaskSupport" }, s.OutputTypeNames);
            Assert.True(s.Parameter("TaskId").FromPipeline);
            Assert.True(s.Parameter("TaskId").FromPipelineByPropertyName);
            Assert.Contains("task_id", s.Parameter("TaskId").Aliases);
        }
    }
}
