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
    /// The approval_code rule of a sandbox started with default settings, over raw HTTP: instances are synced only
    /// into the code of a definition (the code external_approvals create answers). The client's handling of the same
    /// answer is in Approval/DefinitionTests and the Pester Faq.Tests.ps1.
    /// </summary>
    public sealed class ApprovalSandboxDefinitionTests : IDisposable
    {
        private readonly ApprovalTools.Sandbox.Sandbox _sandbox = ApprovalTools.Sandbox.Sandbox.Start();
        private readonly HttpClient _http;
        private string? _token;

        public ApprovalSandboxDefinitionTests() => _http = new HttpClient { BaseAddress = _sandbox.BaseUri };

        public void Dispose()
        {
            _http.Dispose();
            _sandbox.Dispose();
        }

        private async Task<JsonNode> Post(string path, JsonNode body, int status)
        {
            _token ??= JsonNode.Parse(await (await _http.PostAsync(ApprovalService.TokenPath, new StringContent(
                $"{{\"app_id\":\"cli_x\",\"app_secret\":\"{_sandbox.Settings.AppSecret}\"}}", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!["tenant_access_token"]!.GetValue<string>();
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _token);
            var response = await _http.SendAsync(request);
            Assert.Equal(status, (int)response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        private static JsonNode InstanceIn(string code, string id)
        {
            var body = JsonNode.Parse(Core.Approval.Input.ExternalInstanceInput.Prepare(ApprovalTestBase.Instance(id, ApprovalTestBase.T), UpdateMode.Update, new())!.Body)!;
            body["approval_code"] = code;
            return body;
        }

        [Fact]
        public async Task An_unknown_code_is_refused_as_1390001_naming_approval_code_the_sent_definition_code_too_and_the_answered_code_is_taken()
        {
            var unknown = await Post(ApprovalService.CreatePath, InstanceIn("never-created", "u-1"), 400);
            var created = await Post(ApprovalService.ExternalApprovalsPath, new JsonObject
            {
                ["approval_name"] = "@i18n@approval_name", ["approval_code"] = "erp-po",
                ["external"] = new JsonObject { ["support_pc"] = true },
                ["i18n_resources"] = new JsonArray(new JsonObject
                {
                    ["locale"] = "zh-CN", ["is_default"] = true,
                    ["texts"] = new JsonArray(new JsonObject { ["key"] = "@i18n@approval_name", ["value"] = "Purchase order" }),
                }),
            }, 200);
            var answered = created["data"]!["approval_code"]!.GetValue<string>();
            var sentCode = await Post(ApprovalService.CreatePath, InstanceIn("erp-po", "u-2"), 400);
            var taken = await Post(ApprovalService.CreatePath, InstanceIn(answered, "u-3"), 200);

            Assert.Equal(1390001, unknown["code"]!.GetValue<long>());
            Assert.Equal("approval_code", unknown["error"]!["field_violations"]![0]!["field"]!.GetValue<string>());
            Assert.Contains("never-created", unknown["msg"]!.GetValue<string>());
            Assert.Equal(1390001, sentCode["code"]!.GetValue<long>());
            Assert.Equal(0, taken["code"]!.GetValue<long>());
            Assert.Null(_sandbox.Approval.Instance("u-1"));
            Assert.Null(_sandbox.Approval.Instance("u-2"));
            Assert.Equal(answered, _sandbox.Approval.Instance("u-3")!.ApprovalCode);
        }

        [Fact]
        public void The_embedded_sandbox_holds_the_demo_definition_and_the_settings_seed_others()
        {
            using var seeded = ApprovalTools.Sandbox.Sandbox.Start(new ApprovalTools.Sandbox.SandboxSettings { ApprovalDefinitions = { "ERP-PO" } });

            Assert.True(ApprovalTools.Sandbox.Sandbox.Shared.Approval.HasDefinition(ApprovalTools.Sandbox.Sandbox.DemoApprovalCode));
            Assert.True(seeded.Approval.HasDefinition("ERP-PO"));
            Assert.False(_sandbox.Approval.HasDefinition(ApprovalTools.Sandbox.Sandbox.DemoApprovalCode));
        }
    }
}
