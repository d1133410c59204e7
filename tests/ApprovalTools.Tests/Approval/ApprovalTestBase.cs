using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using ApprovalTools.Sandbox;
using ApprovalTools.Sandbox.Approval;
using ApprovalTools.Tests.Support;

namespace ApprovalTools.Tests.Approval
{
    using Map = Dictionary<string, object?>;

    /// <summary>A fresh sandbox per test, a fast-retrying connection to it, and builders of wire-shaped instances.</summary>
    public abstract class ApprovalTestBase : IDisposable
    {
        protected const string AppSecret = "s3cret-app-secret-value";
        protected internal const long T = 1_700_000_000_000;

        /// <summary>The definition <see cref="Instance"/> syncs into, and a second one; each sandbox starts with both.</summary>
        protected internal const string Code = "APPROVAL-1";
        protected internal const string OtherCode = "OTHER-APPROVAL";

        protected ApprovalTestBase()
        {
            Sandbox = ApprovalTools.Sandbox.Sandbox.Start(new SandboxSettings { AppSecret = AppSecret, ApprovalDefinitions = { Code, OtherCode } });
            Resilience = new ResilienceSettings
            {
                BaseDelay = TimeSpan.FromMilliseconds(10),
                MaxRetryAttempts = 3,
                MaxServerDelay = TimeSpan.FromMilliseconds(50),
                AttemptTimeout = TimeSpan.FromSeconds(10),
            };
        }

        protected ApprovalTools.Sandbox.Sandbox Sandbox { get; }
        protected ApprovalService Server => Sandbox.Approval;
        protected ResilienceSettings Resilience { get; set; }

        private FeishuConnection? _connection;
        protected FeishuConnection Connection => _connection ??= Connect();

        /// <summary>Options for the sandbox with the fast test settings.</summary>
        protected FeishuConnectionOptions Options(string secret = AppSecret) =>
            new() { AppId = "cli_test", AppSecret = new Secret(secret), BaseUri = Sandbox.BaseUri, Resilience = Resilience };

        protected FeishuConnection Connect(string secret = AppSecret, int requestsPerSecond = 50, ManualTime? time = null) =>
            Connector.ConnectAsync(Options(secret) with { Resilience = Resilience with { DefaultRequestsPerSecond = requestsPerSecond }, Clock = time == null ? null : time.Now },
                CancellationToken.None).GetAwaiter().GetResult();

        public void Dispose()
        {
            _connection?.Dispose();
            Sandbox.Dispose();
        }

        protected int Calls(string path) => Sandbox.Server.Journal.Count(r => r.Path == path);
        protected int CreateCalls => Calls(ApprovalService.CreatePath);
        protected int CheckCalls => Calls(ApprovalService.CheckPath);

        protected RecordingSink Sync(UpdateMode mode, params object?[] items) => Sync(new RecordingSink(), mode, items);

        protected RecordingSink Sync(RecordingSink sink, UpdateMode mode, params object?[] items)
        {
            var op = new SyncExternalInstanceOperation(Connection, sink, new SyncExternalInstanceOptions { Mode = mode, ThrottleLimit = 4 });
            foreach (var item in items) op.Process(item);
            op.Complete();
            return sink;
        }

        protected RecordingSink Test(int batchSize, params object?[] items)
        {
            var sink = new RecordingSink();
            var op = new TestExternalInstanceOperation(Connection, sink, new TestExternalInstanceOptions { BatchSize = batchSize });
            foreach (var item in items) op.Process(item);
            op.Complete();
            return sink;
        }

        protected internal static string Ms(long ms) => ms.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>An instance in the wire shape (what the cmdlet makes of ConvertFrom-Json output).</summary>
        protected internal static Map Instance(string id, long updateTime, object?[]? tasks = null, object?[]? ccs = null, string status = "PENDING") => new()
        {
            ["approval_code"] = Code,
            ["instance_id"] = id,
            ["status"] = status,
            ["links"] = new Map { ["pc_link"] = "https://erp.example.com/pc/" + id, ["mobile_link"] = "https://erp.example.com/m/" + id },
            ["title"] = "@i18n@title",
            ["form"] = new List<object?> { new Map { ["name"] = "@i18n@amount", ["value"] = "@i18n@amount_value" } },
            ["user_id"] = "initiator",
            ["department_id"] = "dept-1",
            ["start_time"] = Ms(T),
            ["end_time"] = "0",
            ["update_time"] = Ms(updateTime),
            ["task_list"] = (tasks ?? new object?[] { Task(id + "-t1", updateTime) }).ToList(),
            ["cc_list"] = (ccs ?? Array.Empty<object?>()).ToList(),
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
                        new Map { ["key"] = "@i18n@amount_value", ["value"] = "100" },
                        new Map { ["key"] = "@i18n@node", ["value"] = "部门审批" },
                    },
                },
                new Map { ["locale"] = "en-US", ["is_default"] = false, ["texts"] = new List<object?> { new Map { ["key"] = "@i18n@title", ["value"] = "Purchase" } } },
            },
        };

        protected internal static Map Task(string id, long? updateTime, string status = "PENDING", string user = "approver-1") => new()
        {
            ["task_id"] = id,
            ["user_id"] = user,
            ["links"] = new Map { ["pc_link"] = "https://erp.example.com/pc/task/" + id },
            ["status"] = status,
            ["create_time"] = Ms(T),
            ["end_time"] = "0",
            ["update_time"] = updateTime == null ? null : Ms(updateTime.Value),
            ["node_id"] = "node-1",
            ["node_name"] = "@i18n@node",
        };

        protected internal static Map Cc(string id, long updateTime, string readStatus = "UNREAD", string user = "watcher-1") => new()
        {
            ["cc_id"] = id,
            ["user_id"] = user,
            ["links"] = new Map { ["pc_link"] = "https://erp.example.com/pc/cc/" + id },
            ["read_status"] = readStatus,
            ["create_time"] = Ms(T),
            ["update_time"] = Ms(updateTime),
        };

        /// <summary>Stores an instance on the server with REPLACE (no questions), asserting it worked.</summary>
        protected void Seed(params Map[] instances)
        {
            var sink = Sync(UpdateMode.Replace, instances);
            if (sink.Errors.Count > 0) throw new InvalidOperationException(string.Join("\n", sink.Errors));
            Sandbox.Server.ClearJournal();
        }

        protected static SyncResult Only(RecordingSink sink)
        {
            Xunit.Assert.Empty(sink.Errors.Select(e => e.ToString()));
            return Xunit.Assert.Single(sink.EmittedOf<SyncResult>());
        }
    }
}
