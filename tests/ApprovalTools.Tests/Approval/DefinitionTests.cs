using System.Net;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Definitions;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Http;
using ApprovalTools.Sandbox.Approval;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>Set-/Get-ExternalApproval's operations over HTTP against the sandbox, and syncing into a definition.</summary>
    public sealed class DefinitionTests : ApprovalTestBase
    {
        private IReadOnlyList<ApprovalTools.Sandbox.Hosting.SandboxRequest> Sent =>
            Sandbox.Server.Journal.Where(r => r.Path.StartsWith(ApprovalService.ExternalApprovalsPath, StringComparison.Ordinal)).ToList();

        private static ExternalApprovalRequest Definition(string code = "erp-po", string name = "Purchase order") =>
            new() { ApprovalCode = code, Name = name, SupportPc = true, CreateLinkPc = "https://erp.example.com/po/new" };

        private RecordingSink Set(params ExternalApprovalRequest[] definitions)
        {
            var sink = new RecordingSink();
            var op = new SetExternalApprovalOperation(Connection, sink);
            foreach (var d in definitions) op.Process(d, d.ApprovalCode);
            return sink;
        }

        private RecordingSink Get(params string[] codes)
        {
            var sink = new RecordingSink();
            var op = new GetExternalApprovalOperation(Connection, sink);
            foreach (var c in codes) op.Process(c);
            return sink;
        }

        [Fact]
        public void A_new_code_creates_a_definition_under_Feishu_s_own_code_and_the_sent_code_updates_it()
        {
            var created = Assert.Single(Set(Definition()).EmittedOf<ExternalApproval>());
            var updated = Assert.Single(Set(Definition(name: "Purchase order v2")).EmittedOf<ExternalApproval>());

            Assert.Equal("erp-po", created.RequestedCode);
            Assert.NotEqual("erp-po", created.ApprovalCode);
            Assert.Equal(created.ApprovalCode, updated.ApprovalCode);
            var read = Assert.Single(Get(created.ApprovalCode, "erp-po").EmittedOf<ExternalApproval>().Select(d => d.Name).Distinct());
            Assert.Equal("Purchase order v2", read);

            var body = (JsonObject)Sent[0].Json()!;
            Assert.Equal("POST", Sent[0].Method);
            Assert.Equal("erp-po", (string?)body["approval_code"]);
            Assert.StartsWith("@i18n@", (string?)body["approval_name"]);
            Assert.Equal("Purchase order", (string?)body["i18n_resources"]![0]!["texts"]![0]!["value"]);
            Assert.True((bool)body["external"]!["support_pc"]!);
            Assert.Equal("TENANT", (string?)body["viewers"]![0]!["viewer_type"]);
        }

        [Fact]
        public void Callback_secrets_are_sent_but_never_shown()
        {
            var d = Definition();
            d.ActionCallbackToken = new Secret("cb-token-123456");
            d.ActionCallbackKey = new Secret("cb-key-654321");
            var sink = Set(d);

            var result = Assert.Single(sink.EmittedOf<ExternalApproval>());
            Assert.Equal("cb-token-123456", (string?)Sent.Single().Json()!["external"]!["action_callback_token"]);
            var shown = string.Join("\n", typeof(ExternalApproval).GetProperties().Select(p => Convert.ToString(p.GetValue(result))).Append(result.ToString()));
            Assert.DoesNotContain("cb-token-123456", shown);
            Assert.DoesNotContain("cb-key-654321", shown);
            Assert.DoesNotContain(sink.VerboseLines, l => l.Contains("cb-token-123456"));
        }

        [Theory]
        [InlineData("", "Name", true, "approval_code")]
        [InlineData("x", "", true, "approval_name")]
        [InlineData("x", "Name", false, "support_pc")]
        public void A_definition_against_the_rules_is_refused_before_sending(string code, string name, bool pc, string field)
        {
            var d = new ExternalApprovalRequest { ApprovalCode = code, Name = name, SupportPc = pc };

            var error = Assert.Single(Set(d).Errors);

            Assert.Equal("ExternalApprovalInvalid", error.ErrorId);
            Assert.Contains(field, error.Message);
            Assert.Equal(code, error.Target);
            Assert.Empty(Sent);
        }

        [Fact]
        public void WhatIf_sends_nothing_and_an_unknown_code_is_one_error_naming_it()
        {
            var sink = new RecordingSink { ProcessAnswer = _ => false };
            new SetExternalApprovalOperation(Connection, sink).Process(Definition());
            var missing = Get("no-such-code");

            Assert.Empty(sink.Emitted);
            Assert.Equal(("external approval 'erp-po' (Purchase order)", "Create or update the third-party approval definition"), Assert.Single(sink.ShouldProcessCalls));
            var error = Assert.Single(missing.Errors);
            Assert.Equal("no-such-code", error.Target);
            Assert.Contains("no-such-code", error.Message);
            Assert.Single(Sent);
        }

        [Fact]
        public void A_sync_into_a_code_no_definition_holds_is_one_error_naming_approval_code_and_succeeds_once_created()
        {
            var before = Instance("def-1", T);
            before["approval_code"] = "erp-po";

            var refused = Sync(UpdateMode.Update, before);
            var created = Assert.Single(Set(Definition()).EmittedOf<ExternalApproval>());
            var sentCode = Instance("def-2", T);
            sentCode["approval_code"] = "erp-po";
            var answered = Instance("def-3", T);
            answered["approval_code"] = created.ApprovalCode;
            var after = Sync(UpdateMode.Update, sentCode, answered);

            var error = Assert.Single(refused.Errors);
            Assert.Equal("InvalidParameter", error.ErrorId);
            Assert.Contains("approval_code", error.Message);
            Assert.Same(before, error.Target);
            Assert.Empty(refused.Emitted);
            // The code sent to create is not the definition's code: instances must carry the one Feishu answered.
            Assert.Same(sentCode, Assert.Single(after.Errors).Target);
            Assert.Equal("def-3", Assert.Single(after.EmittedOf<SyncResult>()).InstanceId);
            Assert.Null(Server.Instance("def-1"));
            Assert.Null(Server.Instance("def-2"));
            Assert.Equal(created.ApprovalCode, Server.Instance("def-3")!.ApprovalCode);
        }
    }
}
