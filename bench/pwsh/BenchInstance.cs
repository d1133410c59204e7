// The bench instance, in one place for both harnesses: compiled into bench/ApprovalTools.Bench (Approval/InstanceSource.cs)
// and, with PerfBench.cs, by bench/pwsh/Measure-Client.ps1 with Add-Type. Not part of the module.
#nullable enable
using System.Collections.Generic;
using System.Globalization;

namespace PerfBench
{
    using Map = Dictionary<string, object?>;

    /// <summary>
    /// One wire-shaped instance (what the cmdlet makes of ConvertFrom-Json output): two tasks, one cc, i18n texts for zh-CN
    /// and en-US; about 1.6 KB of JSON on the wire. Built fresh on each call, so a lazy stream of them holds nothing.
    /// </summary>
    public static class BenchInstance
    {
        /// <summary>The definition every bench instance is synced into; bench sandboxes start with it.</summary>
        public const string ApprovalCode = "BENCH-APPROVAL";

        public const long T0 = 1_700_000_000_000;

        private static string Ms(long ms) => ms.ToString(CultureInfo.InvariantCulture);

        public static Map Build(string id, long updateTime) => new Map
        {
            ["approval_code"] = ApprovalCode,
            ["instance_id"] = id,
            ["status"] = "PENDING",
            ["links"] = new Map { ["pc_link"] = "https://erp.example.com/pc/" + id, ["mobile_link"] = "https://erp.example.com/m/" + id },
            ["title"] = "@i18n@title",
            ["form"] = new List<object?>
            {
                new Map { ["name"] = "@i18n@amount", ["value"] = "@i18n@amount_value" },
                new Map { ["name"] = "@i18n@reason", ["value"] = "@i18n@reason_value" },
            },
            ["user_id"] = "initiator-" + (updateTime % 97).ToString(CultureInfo.InvariantCulture),
            ["department_id"] = "dept-1",
            ["start_time"] = Ms(T0),
            ["end_time"] = "0",
            ["update_time"] = Ms(updateTime),
            ["task_list"] = new List<object?> { Task(id + "-t1", updateTime, "approver-1"), Task(id + "-t2", updateTime, "approver-2") },
            ["cc_list"] = new List<object?>
            {
                new Map
                {
                    ["cc_id"] = id + "-c1",
                    ["user_id"] = "watcher-1",
                    ["links"] = new Map { ["pc_link"] = "https://erp.example.com/pc/cc/" + id },
                    ["read_status"] = "UNREAD",
                    ["create_time"] = Ms(T0),
                    ["update_time"] = Ms(updateTime),
                },
            },
            ["i18n_resources"] = new List<object?>
            {
                new Map
                {
                    ["locale"] = "zh-CN",
                    ["is_default"] = true,
                    ["texts"] = new List<object?>
                    {
                        new Map { ["key"] = "@i18n@title", ["value"] = "采购申请" },
                        new Map { ["key"] = "@i18n@amount", ["value"] = "金额" },
                        new Map { ["key"] = "@i18n@amount_value", ["value"] = "1200" },
                        new Map { ["key"] = "@i18n@reason", ["value"] = "事由" },
                        new Map { ["key"] = "@i18n@reason_value", ["value"] = "服务器扩容" },
                        new Map { ["key"] = "@i18n@node", ["value"] = "部门审批" },
                    },
                },
                new Map
                {
                    ["locale"] = "en-US",
                    ["is_default"] = false,
                    ["texts"] = new List<object?> { new Map { ["key"] = "@i18n@title", ["value"] = "Purchase request" } },
                },
            },
        };

        private static Map Task(string id, long updateTime, string user) => new Map
        {
            ["task_id"] = id,
            ["user_id"] = user,
            ["links"] = new Map { ["pc_link"] = "https://erp.example.com/pc/task/" + id },
            ["status"] = "PENDING",
            ["create_time"] = Ms(T0),
            ["end_time"] = "0",
            ["update_time"] = Ms(updateTime),
            ["node_id"] = "node-1",
            ["node_name"] = "@i18n@node",
        };
    }
}
