using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Raw;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>The one Feishu approval call with an id in its path is sent on the path its rate-limit template matches.</summary>
    public sealed class DefinitionPathTests : ApprovalTestBase
    {
        [Fact]
        public async Task A_definition_read_is_sent_on_the_path_a_raw_request_maps_back_to_its_bucket()
        {
            await Connection.Client.GetExternalApprovalAsync(Code, null, default);

            var sent = Assert.Single(Sandbox.Server.Journal, r => r.Method == "GET");
            Assert.Equal("/" + FeishuApprovalClient.ExternalApprovalsPath + "/" + Code, sent.Path);
            Assert.Equal(FeishuApprovalClient.DefinitionGetEndpoint,
                new RawRequest(sent.Method, Uri.UnescapeDataString(sent.Path)).ToApiRequest(ServiceKind.FeishuApproval).Endpoint);
        }
    }
}
