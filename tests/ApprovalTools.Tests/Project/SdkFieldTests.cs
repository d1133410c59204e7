using System.Collections;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Project;
using ApprovalTools.Sandbox.Project;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    /// <summary>
    /// Schedule.planned_construction_period and FieldValuePair.target_state (official Go SDK service/field TargetState,
    /// v2 Schedule): read from loose input, checked before sending, sent on the wire, and refused by the sandbox when mistyped.
    /// </summary>
    public sealed class SdkFieldTests : IDisposable
    {
        private readonly ProjectHarness _h = new();

        public void Dispose() => _h.Dispose();

        [Fact]
        public void Hashtables_with_wire_names_give_the_period_and_the_target_state()
        {
            var schedule = ProjectInput.ToSchedule(new Hashtable { ["planned_construction_period"] = "7" }, "NodeSchedule");
            var field = ProjectInput.ToField(new Hashtable
            {
                ["field_key"] = "f", ["field_value"] = "x", ["target_state"] = new Hashtable { ["state_key"] = "closed", ["TransitionId"] = 9007199254740993L },
            }, "Field[0]");

            Assert.Equal(7, schedule.PlannedConstructionPeriod);
            Assert.Equal(("closed", 9007199254740993L), (field.TargetState!.StateKey, field.TargetState.TransitionId!.Value));
            Assert.Contains("planned_construction_period",
                Assert.Throws<ArgumentException>(() => ProjectInput.ToSchedule(new Hashtable { ["planned_construction_period"] = 1.5 }, "NodeSchedule")).Message);
            Assert.Contains("target_state",
                Assert.Throws<ArgumentException>(() => ProjectInput.ToField(new Hashtable { ["field_key"] = "f", ["target_state"] = new Hashtable { ["stat"] = "x" } }, "Field[0]")).Message);
        }

        [Fact]
        public void Both_are_sent_as_the_SDK_names_them()
        {
            _h.Item("31");
            var request = ProjectHarness.Confirm("31", "start");
            request.NodeSchedule = new NodeSchedule { Points = 1, PlannedConstructionPeriod = 3 };
            request.Schedules = new[] { new NodeSchedule { Owners = new[] { "u1" }, PlannedConstructionPeriod = 2 } };
            request.Fields = new[] { new FieldValuePair("field_text", "t") { TargetState = new TargetState { StateKey = "closed", TransitionId = 12 }, FieldName = "read only" } };

            var sink = _h.Run(request);

            Assert.Empty(sink.Errors);
            var body = ProjectHarness.Body(_h.Operates.Single());
            Assert.Equal(3, (int)body["node_schedule"]!["planned_construction_period"]!);
            Assert.Equal(2, (int)body["schedules"]![0]!["planned_construction_period"]!);
            var field = (JsonObject)body["fields"]![0]!;
            Assert.Equal("closed", (string?)field["target_state"]!["state_key"]);
            Assert.Equal(12, (long)field["target_state"]!["transition_id"]!);
            Assert.False(field.ContainsKey("field_name"));
        }

        [Theory]
        [InlineData(-1, "closed", 1L, "planned_construction_period")]
        [InlineData(1, " ", 1L, "state_key")]
        [InlineData(1, "closed", -5L, "transition_id")]
        public void Bad_values_are_refused_before_sending(int period, string stateKey, long transitionId, string named)
        {
            _h.Item("32");
            var request = ProjectHarness.Confirm("32", "start");
            request.NodeSchedule = new NodeSchedule { PlannedConstructionPeriod = period };
            request.Fields = new[] { new FieldValuePair("field_text", "t") { TargetState = new TargetState { StateKey = stateKey, TransitionId = transitionId } } };

            var sink = _h.Run(request);

            var error = Assert.Single(sink.Errors);
            Assert.Contains(named, error.Message);
            Assert.Empty(_h.Operates);
        }

        [Fact]
        public void The_sandbox_refuses_mistyped_members_like_the_typed_SDK_structures()
        {
            var item = _h.Item("33");
            var refusals = new[]
            {
                new JsonObject { ["action"] = "confirm", ["node_schedule"] = new JsonObject { ["planned_construction_period"] = "soon" } },
                new JsonObject { ["action"] = "confirm", ["fields"] = new JsonArray(new JsonObject { ["field_key"] = "field_text", ["target_state"] = "closed" }) },
            };

            foreach (var body in refusals)
            {
                Assert.Equal(20006, NodeOperateFor(item, body));
            }
            Assert.Equal(NodeStatus.Arrived, item.Node("start").Status);
        }

        /// <summary>Sends a raw body over HTTP with a fresh plugin token; returns the err_code, 0 on success.</summary>
        private long? NodeOperateFor(SandboxWorkItem item, JsonObject body)
        {
            using var http = new HttpClient { BaseAddress = _h.Sandbox.BaseUri };
            var token = JsonNode.Parse(http.PostAsync("open_api/authen/plugin_token", Json(new JsonObject
            {
                ["plugin_id"] = "MII_TEST", ["plugin_secret"] = ProjectHarness.Secret, ["type"] = 0,
            })).Result.Content.ReadAsStringAsync().Result)!["data"]!["token"]!.ToString();
            using var message = new HttpRequestMessage(HttpMethod.Post, $"open_api/p/workflow/story/{item.Id}/node/start/operate") { Content = Json(body) };
            message.Headers.Add("X-PLUGIN-TOKEN", token);
            message.Headers.Add("X-USER-KEY", ProjectHarness.UserKey);
            var answer = JsonNode.Parse(http.Send(message).Content.ReadAsStringAsync().Result)!;
            return (long?)answer["err_code"];
        }

        private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
    }
}
