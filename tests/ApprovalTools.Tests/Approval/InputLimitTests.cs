using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Validation;
using ApprovalTools.Core.Http;
using ApprovalTools.Sandbox.Approval;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    using Map = Dictionary<string, object?>;

    /// <summary>
    /// Issue 11 items 3, 5 and 12 over HTTP through the sandbox: out-of-range times, times in seconds, oversized text and
    /// custom quick actions without a name are one error naming the field, and the pipeline goes on.
    /// </summary>
    public sealed class InputLimitTests : ApprovalTestBase
    {
        private static Map TaskAt(Map instance, int i) => (Map)((List<object?>)instance["task_list"]!)[i]!;

        private static Map Action(string type, string? name = null) => name == null ? new Map { ["action_type"] = type } : new Map { ["action_type"] = type, ["action_name"] = name };

        public static IEnumerable<object[]> Broken() => new (string Name, Action<Map> Break, string Field, string Rule)[]
        {
            ("16-digit update_time", m => m["update_time"] = "9999999999999999", "update_time", "out of range"),
            ("update_time beyond DateTimeOffset", m => m["update_time"] = long.MaxValue, "update_time", "out of range"),
            ("12-digit start_time", m => m["start_time"] = "999999999999", "start_time", "out of range"),
            ("14-digit end_time", m => m["end_time"] = "10000000000000", "end_time", "out of range"),
            ("update_time in seconds", m => m["update_time"] = "1735700400", "update_time", "looks like seconds: multiply by 1000 to give milliseconds"),
            ("start_time in seconds as a number", m => m["start_time"] = 1735700400L, "start_time", "looks like seconds"),
            ("task update_time of 16 digits", m => TaskAt(m, 0)["update_time"] = "1735700400000000", "task_list[0].update_time", "out of range"),
            ("task create_time in seconds", m => TaskAt(m, 0)["create_time"] = "1735700400", "task_list[0].create_time", "milliseconds"),
            ("cc update_time far out", m => m["cc_list"] = new List<object?> { new Map(Cc("c1", T)) { ["update_time"] = decimal.MaxValue } }, "cc_list[0].update_time", "out of range"),
            ("a 2 MB title", m => m["title"] = new string('t', 2 * 1024 * 1024), "title", "at most 2048"),
            ("a form value over 2048", m => m["form"] = new List<object?> { new Map { ["name"] = "n", ["value"] = new string('v', 2049) } }, "form[0].value", "2049 characters long; at most 2048"),
            ("an i18n text over 2048", m => m["i18n_resources"] = new List<object?> { new Map { ["locale"] = "zh-CN", ["is_default"] = true, ["texts"] = new Map { ["@i18n@title"] = new string('x', 3000), ["@i18n@amount"] = "a", ["@i18n@amount_value"] = "1", ["@i18n@node"] = "n" } } }, "i18n_resources[0].texts[0].value", "at most 2048"),
            ("an extra over 64 KB", m => m["extra"] = "{\"a\":\"" + new string('e', 65_536) + "\"}", "extra", "at most 65536"),
            ("a task id over 2048", m => TaskAt(m, 0)["task_id"] = new string('k', 2049), "task_list[0].task_id", "at most 2048"),
            ("a custom action without a name", m => TaskAt(m, 0)["action_configs"] = new List<object?> { Action("REMIND") }, "task_list[0].action_configs[0].action_name", "required when action_type is not APPROVE or REJECT (got action_type 'REMIND')"),
            ("a second custom action without a name", m => TaskAt(m, 0)["action_configs"] = new List<object?> { Action("APPROVE"), Action("approve") }, "task_list[0].action_configs[1].action_name", "required when action_type"),
        }.Select(c => new object[] { c.Name, c.Break, c.Field, c.Rule });

        [Theory]
        [MemberData(nameof(Broken))]
        public void A_value_out_of_its_limits_is_one_error_naming_the_field_and_the_rest_goes_on(string name, Action<Map> breakIt, string field, string rule)
        {
            var bad = Instance("i1", T);
            breakIt(bad);

            var sink = Sync(UpdateMode.Update, bad, Instance("i2", T));

            var error = Assert.Single(sink.Errors);
            Assert.Equal("ExternalInstanceInvalid", error.ErrorId);
            Assert.Same(bad, error.Target);
            Assert.Contains(field + ": ", error.Message);
            Assert.Contains(rule, error.Message);
            Assert.True(error.Message.Length < 2000, name + ": the message quotes values shortened");
            Assert.Equal("i2", Assert.Single(sink.EmittedOf<SyncResult>()).InstanceId);
            Assert.Equal(1, CreateCalls);
        }

        [Fact]
        public void Values_at_the_limits_are_sent()
        {
            var instance = Instance("i1", T);
            instance["form"] = new List<object?> { new Map { ["name"] = "n", ["value"] = new string('v', ExternalInstanceValidator.MaxTextLength) } };
            instance["extra"] = "{\"a\":\"" + new string('e', 60_000) + "\"}";
            instance["update_time"] = "9999999999999";
            TaskAt(instance, 0)["action_configs"] = new List<object?> { Action("APPROVE"), Action("REMIND", "@i18n@node") };

            var sink = Sync(UpdateMode.Update, instance);

            Assert.Empty(sink.Errors);
            var stored = Server.Instance("i1")!;
            Assert.Equal("9999999999999", stored["update_time"]);
        }

        [Fact]
        public void One_out_of_range_update_time_among_400_good_items_is_one_error_and_all_400_are_reported()
        {
            Server.RequestsPerSecond = 0;
            using var fast = Connect(requestsPerSecond: 5000);
            var items = Enumerable.Range(0, 200).Select(i => Instance("a" + i, T)).ToList();
            var bad = Instance("bad", T);
            bad["update_time"] = "1735700400000000";
            items.Add(bad);
            items.AddRange(Enumerable.Range(0, 200).Select(i => Instance("b" + i, T)));
            var sink = new Support.RecordingSink();
            var op = new SyncExternalInstanceOperation(fast, sink, new SyncExternalInstanceOptions { Mode = UpdateMode.Update, ThrottleLimit = 8 });

            foreach (var item in items) op.Process(item);
            op.Complete();

            var error = Assert.Single(sink.Errors);
            Assert.Same(bad, error.Target);
            Assert.Contains("update_time: ", error.Message);
            Assert.Equal(400, sink.EmittedOf<SyncResult>().Select(r => r.InstanceId).Distinct().Count());
            Assert.Equal(400, Server.InstanceCount);
            Assert.Null(Server.Instance("bad"));
        }

        [Fact]
        public async Task The_sandbox_refuses_a_custom_action_without_a_name_as_Feishu_documents()
        {
            var task = Task("i1-t1", T);
            task["action_configs"] = new List<object?> { Action("REMIND") };
            var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Instance("i1", T, new object?[] { task })))!.AsObject();
            body["update_mode"] = "REPLACE";
            var request = new ApiRequest(HttpMethod.Post, "open-apis/approval/v4/external_instances", "POST external_instances") { Body = Encoding.UTF8.GetBytes(body.ToJsonString()) };

            var ex = await Assert.ThrowsAsync<ApiException>(() => Connection.Client.Transport.SendAsync(request, null, CancellationToken.None));

            Assert.Equal(1390001, ex.Code);
            Assert.Contains("task_list[0].action_configs[0].action_name: is required for action_type REMIND", ex.Message);
            Assert.Null(Server.Instance("i1"));
        }
    }
}
