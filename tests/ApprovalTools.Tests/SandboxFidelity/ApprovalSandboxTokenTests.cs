using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Sandbox.Approval;
using ApprovalTools.Tests.Approval;
using Xunit;

namespace ApprovalTools.Tests.SandboxFidelity
{
    /// <summary>
    /// The sandbox against the documented Feishu answers (a test of the simulator, not of the client; the client's
    /// handling of the same answers is covered in Approval/ConnectionTests).
    /// </summary>
    public sealed class ApprovalSandboxTokenTests : ApprovalTestBase
    {
        [Fact]
        public async Task The_sandbox_answers_missing_and_unknown_tokens_and_numeric_timestamps_as_documented()
        {
            using var http = new HttpClient { BaseAddress = Sandbox.BaseUri };
            var noToken = await http.PostAsync(ApprovalService.CreatePath, new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.Equal(400, (int)noToken.StatusCode);
            Assert.Equal(99991661, JsonNode.Parse(await noToken.Content.ReadAsStringAsync())!["code"]!.GetValue<long>());
            Assert.NotNull(noToken.Headers.GetValues("x-tt-logid").Single());

            var request = new HttpRequestMessage(HttpMethod.Post, ApprovalService.CreatePath) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer t-unknown");
            var unknown = await http.SendAsync(request);
            Assert.Equal(99991663, JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["code"]!.GetValue<long>());

            var token = JsonNode.Parse(await (await http.PostAsync(ApprovalService.TokenPath,
                new StringContent($"{{\"app_id\":\"cli_x\",\"app_secret\":\"{AppSecret}\"}}", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
            Assert.Equal(7200, token["expire"]!.GetValue<long>());
            var bytes = Core.Approval.Input.ExternalInstanceInput.Prepare(Instance("i1", T), UpdateMode.Update, new())!.Body;
            var body = JsonNode.Parse(bytes)!;
            body["update_time"] = T;
            var numeric = new HttpRequestMessage(HttpMethod.Post, ApprovalService.CreatePath) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            numeric.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token["tenant_access_token"]!.GetValue<string>());
            var rejected = await http.SendAsync(numeric);
            var answer = JsonNode.Parse(await rejected.Content.ReadAsStringAsync())!;
            Assert.Equal(400, (int)rejected.StatusCode);
            Assert.Equal(1390001, answer["code"]!.GetValue<long>());
            Assert.Contains("update_time", answer["msg"]!.GetValue<string>());
            Assert.Equal("update_time", answer["error"]!["field_violations"]![0]!["field"]!.GetValue<string>());
            Assert.Null(Server.Instance("i1"));
        }
    }
}
