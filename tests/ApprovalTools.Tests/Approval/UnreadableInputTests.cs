using System.Collections;
using System.Text.Json;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Project.Operations;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>
    /// Input that cannot be read at all (a dictionary that throws while it is enumerated, as a broken PowerShell object can)
    /// and values that cannot be written as JSON: one error for that item in every operation, never an exception.
    /// </summary>
    public sealed class UnreadableInputTests
    {
        private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

        /// <summary>A dictionary whose contents cannot be read.</summary>
        private sealed class BrokenDictionary : Hashtable
        {
            public override IDictionaryEnumerator GetEnumerator() => throw new InvalidOperationException("enumeration failed");
        }

        [Fact]
        public void Sync_reports_an_unreadable_item_and_goes_on()
        {
            using var connection = Connector.Create(new FeishuConnectionOptions { AppId = "cli", AppSecret = new Secret("s"), BaseUri = Nowhere });
            var sink = new RecordingSink { ProcessAnswer = _ => false };
            var op = new SyncExternalInstanceOperation(connection, sink);
            var broken = new BrokenDictionary();

            op.Process(broken);
            op.Process(ApprovalTestBase.Instance("i2", ApprovalTestBase.T));
            op.Complete();

            var error = Assert.Single(sink.Errors);
            Assert.Same(broken, error.Target);
            Assert.Contains("instance: cannot be read: enumeration failed", error.Message);
            Assert.Single(sink.ShouldProcessCalls);
        }

        /// <summary>
        /// Dictionaries are read in place, field by field; a value the writer skips or refuses is still read through, so
        /// an unreadable value anywhere is the item's one violation, as when the whole input was converted first.
        /// </summary>
        [Theory]
        [InlineData("under an unknown field")]
        [InlineData("as a second spelling of a field")]
        [InlineData("where a text is expected")]
        [InlineData("where a list is expected")]
        [InlineData("as a task")]
        [InlineData("as extra")]
        [InlineData("after a violation")]
        public void An_unreadable_value_anywhere_is_the_one_violation_of_its_item(string where)
        {
            var item = ApprovalTestBase.Instance("i1", ApprovalTestBase.T);
            var broken = new BrokenDictionary();
            switch (where)
            {
                case "under an unknown field": item["no_such_field"] = broken; break;
                case "as a second spelling of a field": item["InstanceId"] = broken; break;
                case "where a text is expected": item["title"] = broken; break;
                case "where a list is expected": item["task_list"] = new Dictionary<string, object?> { ["task_id"] = "t", ["x"] = broken }; break;
                case "as a task": item["task_list"] = new object?[] { broken }; break;
                case "as extra": item["extra"] = broken; break;
                default: item.Remove("status"); item["zz_unknown"] = new List<object?> { 1, broken }; break;
            }
            var violations = new List<FieldViolation>();

            Assert.Null(ExternalInstanceInput.Prepare(item, UpdateMode.Update, violations));

            Assert.Equal("instance: cannot be read: enumeration failed", Assert.Single(violations).ToString());
            var check = new List<FieldViolation>();
            Assert.Null(ExternalInstanceInput.PrepareCheck(item, check));
            Assert.Equal("instance: cannot be read: enumeration failed", Assert.Single(check).ToString());
        }

        [Fact]
        public void Sync_and_test_report_an_item_their_input_adapter_cannot_convert()
        {
            using var connection = Connector.Create(new FeishuConnectionOptions { AppId = "cli", AppSecret = new Secret("s"), BaseUri = Nowhere });
            Func<object?, object?> adapter = x => x is BrokenDictionary ? throw new InvalidOperationException("adapter failed") : x;
            var broken = new BrokenDictionary();
            var sink = new RecordingSink { ProcessAnswer = _ => false };
            var sync = new SyncExternalInstanceOperation(connection, sink, new SyncExternalInstanceOptions { InputAdapter = adapter });
            sync.Process(broken);
            sync.Complete();
            var test = new TestExternalInstanceOperation(connection, sink, new TestExternalInstanceOptions { InputAdapter = adapter });
            test.Process(broken);
            test.Complete();

            Assert.Equal(2, sink.Errors.Count);
            Assert.All(sink.Errors, e => Assert.Same(broken, e.Target));
            Assert.All(sink.Errors, e => Assert.Contains("instance: cannot be read: adapter failed", e.Message));
        }

        [Fact]
        public void Node_operations_report_an_unreadable_item_and_go_on()
        {
            using var connection = Connector.Create(new FeishuProjectConnectionOptions { PluginId = "MII", PluginSecret = new Secret("s"), UserKey = "user", BaseUri = Nowhere });
            var sink = new RecordingSink { ProcessAnswer = _ => false };
            var op = new NodeOperation(connection, sink);
            var broken = new BrokenDictionary();

            op.Process(broken);
            op.Process(new Hashtable { ["project_key"] = "p", ["work_item_type_key"] = "story", ["work_item_id"] = "1", ["node_id"] = "n", ["action"] = "Confirm" });
            op.Complete();

            var error = Assert.Single(sink.Errors);
            Assert.Equal("NodeInputInvalid", error.ErrorId);
            Assert.Same(broken, error.Target);
            Assert.Contains("enumeration failed", error.Message);
            Assert.Single(sink.ShouldProcessCalls);
        }

        [Fact]
        public void The_task_id_intake_reports_an_unreadable_item()
        {
            var sink = new RecordingSink();
            var intake = new TaskIdIntake();

            Assert.Null(intake.Accept(new BrokenDictionary(), sink));
            Assert.Equal("t1", intake.Accept("t1", sink));

            Assert.Contains("enumeration failed", Assert.Single(sink.Errors).Message);

            var adapted = new TaskIdIntake(_ => throw new InvalidOperationException("adapter failed"));
            Assert.Null(adapted.Accept("t2", sink));
            Assert.Contains("The input cannot be read: adapter failed", sink.Errors[1].Message);
        }

        public static IEnumerable<object[]> BadNodeValues() => new (string Name, Action<Hashtable> Break, string ErrorId, string Text)[]
        {
            ("is_auto that is not a boolean", h => ((Hashtable)h["node_schedule"]!)["is_auto"] = "maybe", "NodeInputInvalid", "node_schedule.is_auto 'maybe' must be true or false"),
            ("points that are NaN", h => ((Hashtable)h["node_schedule"]!)["points"] = "NaN", "NodeInputInvalid", "node_schedule.points 'NaN' is not a finite number"),
            ("points that are infinite", h => ((Hashtable)h["node_schedule"]!)["points"] = double.PositiveInfinity, "NodeInputInvalid", "is not a finite number"),
            ("a typed schedule with NaN points", h => h["node_schedule"] = new NodeSchedule { Points = double.NaN }, "ScheduleInvalid", "node_schedule.points must be a number"),
            ("a typed schedule with infinite work time", h => h["node_schedule"] = new NodeSchedule { ActualWorkTime = double.PositiveInfinity }, "ScheduleInvalid", "numbers must be finite"),
            ("a field value JSON cannot hold", h => h["fields"] = new Hashtable { ["field_key"] = "f", ["field_value"] = double.NaN }, "NodeInputInvalid", "cannot be written as JSON"),
            ("a rollback reason over 2048", h => { h["action"] = "Rollback"; h["rollback_reason"] = new string('r', 2049); }, "RollbackReasonTooLong", "2049 characters long; at most 2048"),
        }.Select(c => new object[] { c.Name, c.Break, c.ErrorId, c.Text });

        [Theory]
        [MemberData(nameof(BadNodeValues))]
        public void A_node_value_out_of_its_limits_is_one_error_naming_the_field(string name, Action<Hashtable> breakIt, string errorId, string text)
        {
            using var connection = Connector.Create(new FeishuProjectConnectionOptions { PluginId = "MII", PluginSecret = new Secret("s"), UserKey = "user", BaseUri = Nowhere });
            var sink = new RecordingSink { ProcessAnswer = _ => false };
            var op = new NodeOperation(connection, sink);
            var item = new Hashtable
            {
                ["project_key"] = "p", ["work_item_type_key"] = "story", ["work_item_id"] = "1", ["node_id"] = "n", ["action"] = "Confirm",
                ["node_schedule"] = new Hashtable { ["points"] = 1 },
            };
            breakIt(item);

            op.Process(item);
            op.Complete();

            var error = Assert.Single(sink.Errors);
            Assert.Equal(errorId, error.ErrorId);
            Assert.Contains(text, error.Message);
            Assert.Empty(sink.ShouldProcessCalls);
            Assert.True(name.Length > 0);
        }

        [Theory]
        [InlineData("{\"update_time\":\"9999999999999999\"}")]
        [InlineData("{\"update_time\":253402300800000}")]
        [InlineData("{\"update_time\":-1}")]
        public void A_time_no_date_can_hold_is_a_JSON_error_when_read_from_a_server_answer(string json)
        {
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, ApprovalJsonContext.Default.ExternalInstance));
        }

        [Fact]
        public void The_last_readable_millisecond_is_the_end_of_year_9999()
        {
            Assert.True(UnixMs.TryParse(UnixMs.MaxMs.ToString(), out var ms));
            Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), UnixMs.ToTime(ms).ToUnixTimeMilliseconds());
            Assert.False(UnixMs.TryParse((UnixMs.MaxMs + 1).ToString(), out _));
        }
    }
}
