using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>
    /// The create answer a Feishu connection reads in the background to build what the first sync reads of its answer
    /// ahead of it (Json/CreateAnswerWarmup.cs): it must still read through to the status, or the head start quietly
    /// does nothing.
    /// </summary>
    public sealed class CreateAnswerWarmupTests
    {
        [Fact]
        public void Opening_a_Feishu_connection_starts_it()
        {
            using var connection = Connector.Create(new FeishuConnectionOptions
            {
                AppId = "cli_warm", AppSecret = new Secret("s"), BaseUri = new Uri("http://127.0.0.1:9/"),
            });
            Assert.True(CreateAnswerWarmup.Started);
        }

        [Fact]
        public void The_sample_reads_through_to_the_status_as_the_first_sync_reads_it()
        {
            Assert.Equal(InstanceStatus.Pending, CreateAnswerWarmup.Read());
        }
    }
}
