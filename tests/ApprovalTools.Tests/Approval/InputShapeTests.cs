using System.Collections;
using System.Text.Json;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>Typed objects, hashtables with PowerShell names, the raw wire shape and JSON text all sync the same.</summary>
    public sealed class InputShapeTests : ApprovalTestBase
    {
        private const string Json = """
        {
          "approval_code": "APPROVAL-1", "instance_id": "json-1", "status": "PENDING",
          "extra": "{\"business_key\":\"PO-2024-001\"}",
          "links": { "pc_link": "https://erp.example.com/pc/json-1" },
          "title": "@i18n@1", "form": [ { "name": "@i18n@2", "value": "@i18n@3" } ],
          "user_id": "a987sf9s", "start_time": "1556468012678", "end_time": 0, "update_time": 1556468012678,
          "task_list": [ { "task_id": "112534", "user_id": "a987sf9s", "title": "@i18n@4",
                           "links": { "pc_link": "https://erp.example.com/pc/task/112534" }, "status": "PENDING",
                           "create_time": "1556468012678", "end_time": "0", "update_time": "1556468012678" } ],
          "cc_list": [ { "cc_id": "123456", "user_id": "12345", "links": { "pc_link": "https://erp.example.com/pc/cc/123456" },
                         "read_status": "UNREAD", "create_time": "1556468012678", "update_time": "1556468012678" } ],
          "i18n_resources": [ { "locale": "zh-CN", "is_default": true,
                                "texts": [ { "key": "@i18n@1", "value": "采购申请" }, { "key": "@i18n@2", "value": "金额" },
                                           { "key": "@i18n@3", "value": "100" }, { "key": "@i18n@4", "value": "部门审批" } ] } ]
        }
        """;

        [Fact]
        public void Json_text_with_numeric_timestamps_is_sent_with_string_timestamps()
        {
            var result = Only(Sync(UpdateMode.Update, Json));

            Assert.Equal("json-1", result.InstanceId);
            var sent = Sandbox.Server.Journal.Single(r => r.Path == ApprovalTools.Sandbox.Approval.ApprovalService.CreatePath).Json()!;
            Assert.Equal("1556468012678", sent["update_time"]!.GetValue<string>());
            Assert.Equal("0", sent["end_time"]!.GetValue<string>());
            Assert.Equal(1556468012678, Server.Instance("json-1")!.UpdateTime);
            Assert.Equal("{\"business_key\":\"PO-2024-001\"}", Server.Instance("json-1")!["extra"]);
        }

        [Theory]
        [InlineData(UpdateMode.Update, "UPDATE")]
        [InlineData(UpdateMode.Replace, "REPLACE")]
        public void The_body_states_the_mode_of_the_run_once_whatever_update_mode_the_input_gives(UpdateMode mode, string wire)
        {
            foreach (var given in new object?[] { null, "Replace", "update" })
            {
                var item = Instance("i1", T);
                if (given != null) item["UpdateMode"] = given;
                var violations = new List<FieldViolation>();

                var prepared = ExternalInstanceInput.Prepare(item, mode, violations);

                Assert.Empty(violations);
                var text = System.Text.Encoding.UTF8.GetString(prepared!.Body);
                Assert.Equal(1, text.Split("\"update_mode\"").Length - 1);
                Assert.Equal(wire, JsonDocument.Parse(prepared.Body).RootElement.GetProperty("update_mode").GetString());
                Assert.Equal(mode, prepared.Instance.UpdateMode);
            }
        }

        [Fact]
        public void A_JsonElement_as_ConvertFrom_Json_would_give_is_accepted()
        {
            using var doc = JsonDocument.Parse(Json);

            Only(Sync(UpdateMode.Update, doc.RootElement.Clone()));

            Assert.NotNull(Server.Instance("json-1"));
        }

        [Fact]
        public void A_hashtable_with_PowerShell_names_any_casing_and_friendly_values_is_accepted()
        {
            var start = DateTimeOffset.FromUnixTimeMilliseconds(T);
            var item = new Hashtable(StringComparer.OrdinalIgnoreCase)
            {
                ["ApprovalCode"] = "APPROVAL-1",
                ["InstanceId"] = "ht-1",
                ["Status"] = "pending",
                ["Links"] = new Hashtable { ["PcLink"] = "https://erp.example.com/pc/ht-1" },
                ["Title"] = "@i18n@title",
                ["UserId"] = "initiator",
                ["StartTime"] = start,
                ["EndTime"] = 0,
                ["UpdateTime"] = T + 1,
                ["Extra"] = new Hashtable { ["business_key"] = "PO-7" },
                // A single task (not in a list), "Tasks" as the list's friendly name.
                ["Tasks"] = new Hashtable
                {
                    ["TaskId"] = "ht-1-t1", ["OpenId"] = "ou_approver", ["Status"] = "Pending", ["Links"] = new Hashtable { ["pc_link"] = "https://x/t" },
                    ["CreateTime"] = start, ["EndTime"] = "0", ["UpdateTime"] = start, ["GenerateType"] = "ExternalConsign",
                },
                // texts as a map key -> value.
                ["I18nResources"] = new object[] { new Hashtable { ["Locale"] = "zh-CN", ["IsDefault"] = true, ["Texts"] = new Hashtable { ["@i18n@title"] = "采购" } } },
            };

            var result = Only(Sync(UpdateMode.Update, item));

            Assert.Equal("ht-1", result.InstanceId);
            var stored = Server.Instance("ht-1")!;
            Assert.Equal("PENDING", stored.Status);
            Assert.Equal(T + 1, stored.UpdateTime);
            Assert.Equal(Ms(T), stored["start_time"]);
            Assert.Equal("{\"business_key\":\"PO-7\"}", stored["extra"]);
            Assert.Equal("ou_approver", stored.Task("ht-1-t1")!.OpenId);
            Assert.Equal("EXTERNAL_CONSIGN", stored.Task("ht-1-t1")!["generate_type"]);
        }

        [Fact]
        public void A_typed_ExternalInstance_is_accepted_and_its_end_time_null_is_sent_as_zero()
        {
            var instance = new ExternalInstance
            {
                ApprovalCode = "APPROVAL-1",
                InstanceId = "typed-1",
                Status = InstanceStatus.Approved,
                Links = new InstanceLink { PcLink = "https://erp.example.com/pc/typed-1" },
                OpenId = "ou_initiator",
                StartTime = DateTimeOffset.FromUnixTimeMilliseconds(T),
                UpdateTime = DateTimeOffset.FromUnixTimeMilliseconds(T + 2),
                TaskList = new List<ExternalTask>
                {
                    new() { TaskId = "typed-1-t1", UserId = "u1", Status = ExternalTaskStatus.Done, Links = new InstanceLink { PcLink = "https://x" },
                            CreateTime = DateTimeOffset.FromUnixTimeMilliseconds(T), UpdateTime = DateTimeOffset.FromUnixTimeMilliseconds(T), GenerateType = GenerateType.Default },
                },
                I18nResources = new List<I18nResource> { new() { Locale = "en-US", IsDefault = true, Texts = new List<I18nText> { new() { Key = "@i18n@x", Value = "x" } } } },
            };

            var result = Only(Sync(UpdateMode.Update, instance));

            Assert.Equal(InstanceStatus.Approved, result.Status);
            Assert.Null(result.Echo!.EndTime);
            var stored = Server.Instance("typed-1")!;
            Assert.Equal("0", stored["end_time"]);
            Assert.Equal("DONE", stored.Task("typed-1-t1")!.Status);
            Assert.Equal("0", stored.Task("typed-1-t1")!["end_time"]);
        }

        [Fact]
        public void A_plain_object_is_read_by_its_properties()
        {
            var item = new
            {
                approval_code = "APPROVAL-1", instance_id = "poco-1", status = "PENDING", links = new { pc_link = "https://x/p" },
                user_id = "u", start_time = T, end_time = 0, update_time = T,
                i18n_resources = new[] { new { locale = "zh-CN", is_default = true, texts = new[] { new { key = "@i18n@a", value = "a" } } } },
            };

            Only(Sync(UpdateMode.Update, item));

            Assert.NotNull(Server.Instance("poco-1"));
        }
    }
}
