using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Http;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    using Map = Dictionary<string, object?>;

    /// <summary>Every local rule: one error naming the field and the rule, nothing sent for that item, the rest goes on.</summary>
    public sealed class ValidationTests : ApprovalTestBase
    {
        private static Map TaskAt(Map instance, int i) => (Map)((List<object?>)instance["task_list"]!)[i]!;

        public static IEnumerable<object[]> Broken() => new (string Name, Action<Map> Break, string Field, string Rule)[]
        {
            ("no approval_code", m => m.Remove("approval_code"), "approval_code", "required"),
            ("no instance_id", m => m.Remove("instance_id"), "instance_id", "required"),
            ("unknown status", m => m["status"] = "DONEISH", "status", "must be one of PENDING"),
            ("unknown update_mode", m => m["update_mode"] = "MERGE", "update_mode", "must be one of REPLACE, UPDATE"),
            ("no links", m => m.Remove("links"), "links", "required"),
            ("no pc_link", m => m["links"] = new Map { ["mobile_link"] = "https://m" }, "links.pc_link", "required"),
            ("no initiator", m => m.Remove("user_id"), "user_id", "one of user_id or open_id is required"),
            ("non-numeric start_time", m => m["start_time"] = "yesterday", "start_time", "must be a Unix-millisecond timestamp"),
            ("fractional update_time", m => m["update_time"] = 1.5m, "update_time", "must be a Unix-millisecond timestamp"),
            ("no end_time", m => m.Remove("end_time"), "end_time", "required"),
            ("task without task_id", m => TaskAt(m, 0).Remove("task_id"), "task_list[0].task_id", "required"),
            ("task without approver", m => TaskAt(m, 0).Remove("user_id"), "task_list[0].user_id", "one of user_id or open_id"),
            ("task with unknown status", m => TaskAt(m, 0)["status"] = "WAITING", "task_list[0].status", "must be one of PENDING, APPROVED"),
            ("task without links", m => TaskAt(m, 0).Remove("links"), "task_list[0].links", "required"),
            ("task without update_time in UPDATE", m => TaskAt(m, 0).Remove("update_time"), "task_list[0].update_time", "required in UPDATE mode"),
            ("task with bad create_time", m => TaskAt(m, 0)["create_time"] = "2024-01-01", "task_list[0].create_time", "must be a Unix-millisecond timestamp"),
            ("301 tasks", m => m["task_list"] = Enumerable.Range(0, 301).Select(i => (object?)Task("t" + i, T)).ToList(), "task_list", "at most 300 tasks"),
            ("201 cc", m => m["cc_list"] = Enumerable.Range(0, 201).Select(i => (object?)Cc("c" + i, T)).ToList(), "cc_list", "at most 200 cc"),
            ("cc without read_status", m => m["cc_list"] = new List<object?> { new Map(Cc("c1", T)) { ["read_status"] = null } }, "cc_list[0].read_status", "required"),
            ("cc without update_time", m => { var cc = Cc("c1", T); cc.Remove("update_time"); m["cc_list"] = new List<object?> { cc }; }, "cc_list[0].update_time", "required"),
            ("duplicate task ids", m => m["task_list"] = new List<object?> { Task("t1", T), Task("t1", T) }, "task_list[1].task_id", "already used"),
            ("task id equal to a cc id", m => m["cc_list"] = new List<object?> { Cc("i1-t1", T) }, "cc_list[0].cc_id", "instance, task and cc ids must all be distinct"),
            ("no i18n_resources", m => m.Remove("i18n_resources"), "i18n_resources", "required"),
            ("two default locales", m => ((Map)((List<object?>)m["i18n_resources"]!)[1]!)["is_default"] = true, "i18n_resources", "exactly one locale must have is_default"),
            ("key missing from the default locale", m => m["title"] = "@i18n@nowhere", "title", "'@i18n@nowhere' is missing from the default locale"),
            ("task key missing from the default locale", m => TaskAt(m, 0)["title"] = "@i18n@task_title", "task_list[0].title", "missing from the default locale"),
            ("unknown locale", m => ((Map)((List<object?>)m["i18n_resources"]!)[1]!)["locale"] = "xx-YY", "i18n_resources[1].locale", "must be one of zh-CN"),
            ("unknown field", m => m["instanceid2"] = "x", "instanceid2", "unknown field"),
            ("extra that is not JSON", m => m["extra"] = "business_key=1", "extra", "must be a JSON object serialized to a string"),
            ("three quick actions", m => TaskAt(m, 0)["action_configs"] = Enumerable.Range(0, 3).Select(_ => (object?)new Map { ["action_type"] = "APPROVE" }).ToList(), "task_list[0].action_configs", "at most 2 actions"),
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
            ("a custom action without a name", m => TaskAt(m, 0)["action_configs"] = new List<object?> { InputLimitTests.Action("REMIND") }, "task_list[0].action_configs[0].action_name", "required when action_type is not APPROVE or REJECT (got action_type 'REMIND')"),
            ("unknown form_policy", m => m["trusteeship_cache_config"] = new Map { ["form_policy"] = "SOMETIMES" }, "trusteeship_cache_config.form_policy", "must be one of DISABLE, IMMUTABLE, BY_NODE, BY_USER (got 'SOMETIMES')"),
            ("an i18n text key over 2048 in the map form", m => m["i18n_resources"] = new List<object?> { new Map { ["locale"] = "zh-CN", ["is_default"] = true, ["texts"] = new Map { ["@i18n@title"] = "t", ["@i18n@amount"] = "a", ["@i18n@amount_value"] = "1", ["@i18n@node"] = "n", [new string('k', 2049)] = "v" } } }, "i18n_resources[0].texts[4].key", "2049 characters long; at most 2048"),
            ("an extra of a task over 2048 is fine, over 64 KB is not", m => TaskAt(m, 0)["extra"] = "{\"a\":\"" + new string('e', 65_536) + "\"}", "task_list[0].extra", "at most 65536"),
            ("a second custom action without a name", m => TaskAt(m, 0)["action_configs"] = new List<object?> { InputLimitTests.Action("APPROVE"), InputLimitTests.Action("approve") }, "task_list[0].action_configs[1].action_name", "required when action_type"),
        }.Select(c => new object[] { c.Name, c.Break, c.Field, c.Rule });

        [Theory]
        [MemberData(nameof(Broken))]
        public void A_broken_item_is_one_error_naming_field_and_rule_and_nothing_is_sent(string name, Action<Map> breakIt, string field, string rule)
        {
            var bad = Instance("i1", T);
            breakIt(bad);

            var sink = Sync(UpdateMode.Update, bad, Instance("i2", T));

            var error = Assert.Single(sink.Errors);
            Assert.Equal("ExternalInstanceInvalid", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Same(bad, error.Target);
            Assert.Contains(field + ": ", error.Message);
            Assert.Contains(rule, error.Message);
            Assert.Contains("Nothing was sent", error.Message);
            Assert.True(error.Message.Length < 2000, "values are quoted shortened");
            // The rest of the pipeline goes on, and only the valid item reached the server.
            Assert.Equal("i2", Assert.Single(sink.EmittedOf<SyncResult>()).InstanceId);
            Assert.Equal(1, CreateCalls);
            Assert.True(name.Length > 0);
        }

        [Fact]
        public void Every_violation_of_an_item_is_listed_in_its_one_error()
        {
            var bad = Instance("i1", T);
            bad.Remove("status");
            bad["start_time"] = "soon";
            TaskAt(bad, 0).Remove("task_id");

            var sink = Sync(UpdateMode.Update, bad);

            var error = Assert.Single(sink.Errors);
            Assert.Contains("status: required", error.Message);
            Assert.Contains("start_time: must be", error.Message);
            Assert.Contains("task_list[0].task_id: required", error.Message);
            Assert.Equal(0, CreateCalls);
        }

        [Fact]
        public void A_task_without_update_time_is_fine_in_replace_mode()
        {
            var item = Instance("i1", T, new object?[] { Task("t1", null) });

            Only(Sync(UpdateMode.Replace, item));

            Assert.Null(Server.Instance("i1")!.Task("t1")!.UpdateTime);
        }

        [Fact]
        public void A_json_array_or_a_scalar_is_rejected_with_a_hint()
        {
            var sink = Sync(UpdateMode.Update, new List<object?> { Instance("i1", T) }, 42);

            Assert.Equal(2, sink.Errors.Count);
            Assert.Contains("is a list", sink.Errors[0].Message);
            Assert.Contains("must be an object", sink.Errors[1].Message);
            Assert.Equal(0, CreateCalls);
        }

        [Fact]
        public void Malformed_json_text_is_an_error_not_a_crash()
        {
            var sink = Sync(UpdateMode.Update, "{\"instance_id\": \"i1\", ");

            Assert.Contains("cannot be read", Assert.Single(sink.Errors).Message);
            Assert.Equal(0, CreateCalls);
        }
    }
}
