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
    /// Issue 11 items 3, 5 and 12 over HTTP through the sandbox, beyond the one-rule table in <see cref="ValidationTests"/>:
    /// values at the limits are sent, one bad time among 400 items stops nothing, and the sandbox enforces action_name.
    /// </summary>
    public sealed class InputLimitTests : ApprovalTestBase
    {
        private static Map TaskAt(Map instance, int i) => (Map)((List<object?>)instance["task_list"]!)[i]!;

        internal static Map Action(string type, string? name = null) => name == null ? new Map { ["action_type"] = type } : new Map { ["action_type"] = type, ["action_name"] = name };

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
