using ApprovalTools.Core.Connections;
using System.Collections;
using System.Text.Json;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Approval.Json;
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
    using Map = Dictionary<string, object?>;

    /// <summary>
    /// Random and extreme values for every field type of the instance (with its tasks and cc entries), node operation
    /// and task id inputs, with a fixed seed. Whatever the value, each item ends as one result-to-be (a ShouldProcess
    /// question; -WhatIf, so nothing is sent) or one error, and no exception leaves the operation.
    /// </summary>
    public sealed class InputFuzzTests
    {
        private const int Seed = 11;
        private const int Items = 400;
        private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

        private static readonly object?[] Extremes =
        {
            null, "", " ", "0", "-1", "1735700400", "1735700400000", "9999999999999999", "99999999999999999999", "1e3", "12.5", "abc", "@i18n@x",
            "\u0000", "\t\n", "中文", "\U0001F600", new string('x', 3000), new string('9', 70_000), ".", "..", "a/b", "%2e%2e", "true", "PENDING", "{}", "[]",
            0, -1, int.MaxValue, int.MinValue, 0L, long.MaxValue, long.MinValue, 1735700400L, 1735700400000L, 9_999_999_999_999_999L, ulong.MaxValue,
            0.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -0.0, 1e300, float.NaN, decimal.MaxValue, decimal.MinValue, 1.5m,
            true, false, DateTime.MinValue, DateTime.MaxValue, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTime.UnixEpoch, TimeSpan.MaxValue,
            Guid.Empty, 'c', new object(), new Map(), new Hashtable { [1] = 2 }, new List<object?>(), new List<object?> { null, 1, "x" }, new object?[] { new Map() },
            new[] { 1, 2, 3 }, new Map { ["pc_link"] = null }, new Map { ["key"] = "k", ["value"] = new Map() }, Nested(40), JsonDocument.Parse("[1,{\"a\":null}]").RootElement,
        };

        private static object Nested(int depth)
        {
            object current = "leaf";
            for (var i = 0; i < depth; i++) current = new Map { ["x"] = current };
            return current;
        }

        private static object? Pick(Random random) => Extremes[random.Next(Extremes.Length)];

        /// <summary>A valid instance with one to three fields (anywhere in the tree, including tasks, cc, links, i18n) replaced by extremes.</summary>
        private static Map Mutated(Random random, int n)
        {
            var instance = ApprovalTestBase.Instance("fuzz-" + n, ApprovalTestBase.T + n,
                new object?[] { ApprovalTestBase.Task($"fuzz-{n}-t", ApprovalTestBase.T) }, new object?[] { ApprovalTestBase.Cc($"fuzz-{n}-c", ApprovalTestBase.T) });
            ((Map)((List<object?>)instance["task_list"]!)[0]!)["action_configs"] = new List<object?> { new Map { ["action_type"] = "APPROVE" } };
            // Only the template's own objects are mutated, never an extreme value that an earlier mutation put in.
            var maps = new List<Map>();
            Collect(instance, maps);
            for (var k = 1 + random.Next(3); k > 0; k--)
            {
                var target = maps[random.Next(maps.Count)];
                var keys = target.Keys.ToList();
                if (keys.Count == 0 || random.Next(8) == 0) target["unknown_" + random.Next(3)] = Pick(random);
                else target[keys[random.Next(keys.Count)]] = Pick(random);
            }
            return instance;
        }

        private static void Collect(object? node, List<Map> maps)
        {
            if (node is Map map)
            {
                maps.Add(map);
                foreach (var value in map.Values.ToList()) Collect(value, maps);
            }
            else if (node is List<object?> list)
            {
                foreach (var item in list) Collect(item, maps);
            }
        }

        [Fact]
        public void Every_fuzzed_instance_ends_as_one_question_or_one_error_in_sync_and_check()
        {
            var random = new Random(Seed);
            using var connection = Connector.Create(new FeishuConnectionOptions { AppId = "cli_fuzz", AppSecret = new Secret("s"), BaseUri = Nowhere });
            foreach (var mode in new[] { UpdateMode.Update, UpdateMode.Replace })
            {
                var sink = new RecordingSink { ProcessAnswer = _ => false, ContinueAnswer = _ => false };
                var op = new SyncExternalInstanceOperation(connection, sink, new SyncExternalInstanceOptions { Mode = mode });
                var valid = 0;
                for (var n = 0; n < Items; n++)
                {
                    var item = Mutated(random, n);
                    var before = sink.Errors.Count + sink.ShouldProcessCalls.Count;
                    op.Process(item);
                    Assert.Equal(before + 1, sink.Errors.Count + sink.ShouldProcessCalls.Count);

                    var violations = new List<FieldViolation>();
                    var check = ExternalInstanceInput.PrepareCheck(item, violations);
                    Assert.True(check == null ^ violations.Count == 0);
                    var prepared = ExternalInstanceInput.Prepare(item, mode, violations = new List<FieldViolation>());
                    Assert.True(prepared == null ^ violations.Count == 0);
                    if (prepared != null)
                    {
                        valid++;
                        JsonSerializer.SerializeToUtf8Bytes(prepared.Instance, ApprovalJsonContext.Default.ExternalInstance);
                        // What a sync reads without building the model is what the model (read from the body) says.
                        Assert.Equal(prepared.Instance.InstanceId, prepared.InstanceId);
                        Assert.Equal(prepared.Instance.ApprovalCode, prepared.ApprovalCode);
                        Assert.Equal(prepared.Instance.Status, prepared.Status);
                        Assert.Equal(prepared.Instance.UpdateTime, prepared.UpdateTime);
                        Assert.Equal(prepared.Instance.TaskList?.Count ?? 0, prepared.TaskCount);
                        Assert.Equal(prepared.Instance.CcList?.Count ?? 0, prepared.CcCount);
                    }
                }
                op.Complete();
                Assert.Empty(sink.Emitted);
                Assert.All(sink.Errors, e => Assert.Equal(ErrorKind.InvalidArgument, e.Kind));
                Assert.All(sink.Errors, e => Assert.NotNull(e.Target));
                Assert.InRange(valid, Items / 20, Items - Items / 4); // the fuzz reaches both outcomes
            }
        }

        [Fact]
        public void Every_fuzzed_node_operation_ends_as_one_question_or_one_error()
        {
            var random = new Random(Seed);
            using var connection = Connector.Create(new FeishuProjectConnectionOptions { PluginId = "MII_FUZZ", PluginSecret = new Secret("s"), UserKey = "user", BaseUri = Nowhere });
            var sink = new RecordingSink { ProcessAnswer = _ => false };
            var op = new NodeOperation(connection, sink);
            var keys = new[]
            {
                "project_key", "work_item_type_key", "work_item_id", "node_id", "action", "rollback_reason", "node_owners", "node_schedule", "schedules", "fields", "role_assignee",
            };
            for (var n = 0; n < Items; n++)
            {
                var item = new Map
                {
                    ["project_key"] = "p", ["work_item_type_key"] = "story", ["work_item_id"] = "1", ["node_id"] = "n1", ["action"] = "Confirm",
                    ["node_schedule"] = new Map { ["points"] = 1, ["estimate_start_date"] = 1735700400000L, ["estimate_end_date"] = 1735786800000L, ["is_auto"] = false, ["owners"] = new[] { "u" } },
                    ["fields"] = new List<object?> { new Map { ["field_key"] = "f", ["field_value"] = "v" } },
                    ["role_assignee"] = new List<object?> { new Map { ["role"] = "PM", ["owners"] = new[] { "u" } } },
                };
                var maps = new List<Map>();
                Collect(item, maps);
                for (var k = 1 + random.Next(3); k > 0; k--)
                {
                    var target = maps[random.Next(maps.Count)];
                    var names = target == item ? keys : target.Keys.ToArray();
                    target[names[random.Next(names.Length)]] = Pick(random);
                }
                var before = sink.Errors.Count + sink.ShouldProcessCalls.Count;
                op.Process(item);
                Assert.Equal(before + 1, sink.Errors.Count + sink.ShouldProcessCalls.Count);
            }
            op.Complete();
            Assert.InRange(sink.ShouldProcessCalls.Count, Items / 20, Items - Items / 4);
        }

        [Fact]
        public void Every_fuzzed_task_id_item_ends_as_one_id_or_one_error_and_never_a_type_name()
        {
            var random = new Random(Seed);
            var intake = new TaskIdIntake();
            var sink = new RecordingSink();
            var accepted = new List<string>();
            for (var n = 0; n < Items; n++)
            {
                var value = Pick(random);
                object? item = random.Next(3) switch { 0 => value, 1 => new Hashtable { ["TaskId"] = value }, _ => new Map { ["task_id"] = value } };
                var before = sink.Errors.Count + intake.Duplicates;
                var id = intake.Accept(item, sink);
                if (id != null) accepted.Add(id);
                Assert.Equal(before + (id == null ? 1 : 0), sink.Errors.Count + intake.Duplicates);
            }
            Assert.NotEmpty(accepted);
            Assert.DoesNotContain(accepted, id => id.StartsWith("System.", StringComparison.Ordinal) || id.Contains("@{") || id.Contains("Hashtable"));
        }
    }
}
