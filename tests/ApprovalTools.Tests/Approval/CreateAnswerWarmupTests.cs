using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>
    /// The create answer a Feishu connection reads in the background to build the echo's serializer metadata ahead of the
    /// first sync (Json/CreateAnswerWarmup.cs): it must still read, and reach every nested type of the echo, or the head
    /// start quietly shrinks.
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
        public void The_sample_reads_and_reaches_every_nested_type_of_the_echo()
        {
            var envelope = Assert.IsType<FeishuEnvelope<CreateInstanceData>>(CreateAnswerWarmup.Read());
            var echo = envelope.Data!.Data!;

            Assert.Equal(InstanceStatus.Pending, echo.Status);
            Assert.Equal(DisplayMethod.Browser, echo.DisplayMethod);
            Assert.Equal(UpdateMode.Update, echo.UpdateMode);
            Assert.Null(echo.EndTime);
            Assert.Equal(1_700_000_000_000, echo.UpdateTime.ToUnixTimeMilliseconds());
            Assert.NotNull(echo.Links?.MobileLink);
            Assert.Equal("v", Assert.Single(echo.Form!).Value);

            var task = Assert.Single(echo.TaskList!);
            Assert.Equal(ExternalTaskStatus.Pending, task.Status);
            Assert.Equal(GenerateType.Default, task.GenerateType);
            Assert.False(task.ExcludeStatistics);
            Assert.False(Assert.Single(task.ActionConfigs!).IsNeedReason);
            Assert.NotNull(task.UpdateTime);

            var cc = Assert.Single(echo.CcList!);
            Assert.Equal(ReadStatus.Unread, cc.ReadStatus);
            Assert.Equal(DisplayMethod.Browser, cc.DisplayMethod);

            Assert.True(Assert.Single(echo.I18nResources!).IsDefault);
            Assert.NotNull(echo.TrusteeshipUrls?.FormDetailUrl);
            Assert.Equal(FormPolicy.Disable, echo.TrusteeshipCacheConfig?.FormPolicy);
            Assert.Equal(1, envelope.Data.ProcessRecord?.Instance?.Inserted);
        }
    }
}
