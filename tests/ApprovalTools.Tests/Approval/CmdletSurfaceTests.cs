using ApprovalTools.Commands;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>The compiled attributes of the Feishu approval cmdlets.</summary>
    public sealed class CmdletSurfaceTests
    {
        [Fact]
        public void Connect_Feishu_offers_secret_credential_environment_and_sandbox_sets()
        {
            var s = CmdletSurface.Of<ConnectFeishuCommand>();

            Assert.Equal("Connect-Feishu", s.Name);
            Assert.Equal("Environment", s.DefaultParameterSetName);
            Assert.Contains("ApprovalTools.Core.Approval.Protocol.FeishuConnection", s.OutputTypeNames);
            Assert.True(s.Parameter("AppId").MandatoryIn("AppSecret"));
            Assert.False(s.Parameter("AppId").MandatoryIn("Sandbox"));
            Assert.Equal(typeof(System.Security.SecureString), s.Parameter("AppSecret").Type);
            Assert.True(s.Parameter("AppSecret").MandatoryIn("AppSecret"));
            Assert.Equal(typeof(System.Management.Automation.PSCredential), s.Parameter("Credential").Type);
            Assert.True(s.Parameter("Credential").HasAttribute("CredentialAttribute"));
            Assert.True(s.Parameter("Sandbox").MandatoryIn("Sandbox"));
            Assert.Equal(new[] { "Feishu", "Lark" }, s.Parameter("Region").ValidateSet);
            Assert.DoesNotContain("Sandbox", s.Parameter("Region").Sets);
            Assert.DoesNotContain(s.Parameters, p => p.Type == typeof(string) && p.Name.Contains("Secret"));
        }

        [Fact]
        public void Sync_ExternalInstance_streams_input_supports_WhatIf_and_defaults_to_Update()
        {
            var s = CmdletSurface.Of<SyncExternalInstanceCommand>();

            Assert.Equal("Sync-ExternalInstance", s.Name);
            Assert.True(s.SupportsShouldProcess);
            Assert.Equal("Medium", s.ConfirmImpact);
            Assert.Contains("ApprovalTools.Core.Approval.Operations.SyncResult", s.OutputTypeNames);
            var input = s.Parameter("InputObject");
            Assert.True(input.FromPipeline);
            Assert.True(input.FromPipelineByPropertyName);
            Assert.True(input.Mandatory);
            Assert.Equal(typeof(UpdateMode), s.Parameter("Mode").Type);
            Assert.Equal(UpdateMode.Update, new SyncExternalInstanceCommand().Mode);
            Assert.Equal(typeof(System.Management.Automation.SwitchParameter), s.Parameter("Force").Type);
            Assert.Equal(typeof(int), s.Parameter("ThrottleLimit").Type);
            Assert.True(s.Parameter("ThrottleLimit").HasAttribute("ValidateRangeAttribute"));
            Assert.Equal(typeof(ApprovalTools.Core.Approval.Protocol.FeishuConnection), s.Parameter("Connection").Type);
        }

        [Fact]
        public void Test_ExternalInstance_is_read_only_and_batches()
        {
            var s = CmdletSurface.Of<TestExternalInstanceCommand>();

            Assert.Equal("Test-ExternalInstance", s.Name);
            Assert.False(s.SupportsShouldProcess);
            Assert.Contains("ApprovalTools.Core.Approval.Operations.ExternalInstanceDiff", s.OutputTypeNames);
            Assert.True(s.Parameter("InputObject").FromPipeline);
            Assert.Equal(50, new TestExternalInstanceCommand().BatchSize);
            Assert.True(s.Parameter("BatchSize").HasAttribute("ValidateRangeAttribute"));
            Assert.Equal(typeof(ApprovalTools.Core.Approval.Protocol.FeishuConnection), s.Parameter("Connection").Type);
        }

        [Fact]
        public void The_diff_carries_its_input_on_the_property_Sync_binds()
        {
            var bound = CmdletSurface.Of<SyncExternalInstanceCommand>().Parameter("InputObject").Name;

            Assert.NotNull(typeof(ApprovalTools.Core.Approval.Operations.ExternalInstanceDiff).GetProperty(bound));
        }
    }
}
