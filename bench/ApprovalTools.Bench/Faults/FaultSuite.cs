using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using ApprovalTools.Bench.Approval;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Project.Operations;
using ApprovalTools.Sandbox;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Sandbox.Project;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Bench.Faults
{
    /// <summary>What one service's fault run showed.</summary>
    public sealed class FaultReport
    {
        public string Service { get; set; } = string.Empty;
        public int Items { get; set; }
        public int Succeeded { get; set; }
        public int Failed { get; set; }

        /// <summary>Input items that ended as no record, or as more than one.</summary>
        public List<string> NotExactlyOnce { get; } = new List<string>();

        /// <summary>Items the server applied more than once (node confirms, tasks in two batches).</summary>
        public List<string> AppliedTwice { get; } = new List<string>();

        /// <summary>Items reported as done that the server does not hold.</summary>
        public List<string> ReportedButMissing { get; } = new List<string>();

        public Dictionary<string, int> ErrorIds { get; } = new Dictionary<string, int>(StringComparer.Ordinal);
        public TimeSpan Elapsed { get; set; }
        public int Requests { get; set; }

        // The outage phase: items sent while the service was down.
        public int OutageItems { get; set; }
        public int OutageCircuitOpen { get; set; }
        public int OutageRequests { get; set; }
        public TimeSpan OutageElapsed { get; set; }

        // The redirect: requests that reached the other origin (must be 0) and how the item ended.
        public int RedirectLeaks { get; set; }
        public string RedirectOutcome { get; set; } = string.Empty;

        public override string ToString() =>
            $"{Service}: {Items} items, {Succeeded} ok, {Failed} errors ({string.Join(", ", ErrorIds.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value}"))}), "
            + $"{NotExactlyOnce.Count} not exactly once, {AppliedTwice.Count} applied twice, {ReportedButMissing.Count} reported but missing; "
            + $"outage: {OutageCircuitOpen}/{OutageItems} CircuitOpen, {OutageRequests} requests; redirect: {RedirectOutcome}, {RedirectLeaks} leaked";
    }

    /// <summary>
    /// The fault suite: each service's operation runs over <c>items</c> inputs against the sandbox with 20 % mixed faults
    /// (5xx, 429 with its reset header, connections cut before and after the server acted, hangs), then through an outage,
    /// then meets a redirect to another origin. Used at small size by the tests and at full size by the bench.
    /// </summary>
    public static class FaultSuite
    {
        public const string AppSecret = "faults-app-secret", PluginSecret = "faults-plugin-secret", BatchToken = "faults-batch-token";

        /// <summary>The mix: 20 % of requests meet a fault.</summary>
        public static void Mix(FaultPlan plan, int seed)
        {
            plan.Seed(seed);
            plan.ErrorRate = 0.05;
            plan.RateLimitRate = 0.05;
            plan.DropRate = 0.04;
            plan.DropAfterActingRate = 0.04;
            plan.HangRate = 0.02;
            plan.HangFor = TimeSpan.FromSeconds(30);
        }

        /// <summary>Fast retries and a short attempt timeout so hangs cost a second, not thirty.</summary>
        public static ResilienceSettings Settings => new ResilienceSettings
        {
            BaseDelay = TimeSpan.FromMilliseconds(20), MaxRetryAttempts = 6, MaxServerDelay = TimeSpan.FromSeconds(2),
            AttemptTimeout = TimeSpan.FromSeconds(1), RequestTimeout = TimeSpan.FromSeconds(30),
            DefaultRequestsPerSecond = 0, DefaultRequestsPerMinute = 0,
        };

        public static SandboxHost StartSandbox()
        {
            var sandbox = SandboxHost.Start(new SandboxSettings { AppSecret = AppSecret, PluginSecret = PluginSecret, BatchToken = BatchToken, ApprovalDefinitions = { InstanceSource.ApprovalCode } });
            sandbox.Approval.RequestsPerSecond = 0;
            sandbox.Approval.RequestsPerMinute = 0;
            sandbox.Project.RequestsPerSecond = 0;
            sandbox.Batch.TasksPerSecond = 100_000;
            return sandbox;
        }

        public static FaultReport Approval(int items, int throttle, int seed)
        {
            using var sandbox = StartSandbox();
            using var other = SandboxHost.Start();
            FeishuConnection Connect() => Connector.Create(new FeishuConnectionOptions
            {
                AppId = "cli_faults", AppSecret = new Secret(AppSecret), BaseUri = sandbox.BaseUri, Resilience = Settings,
            });
            using var connection = Connect();
            var plan = sandbox.Server.Faults("approval");
            plan.SparePathPrefix = "/open-apis/auth/";
            Mix(plan, seed);
            var report = new FaultReport { Service = "approval", Items = items };
            var ids = Enumerable.Range(1, items).Select(i => "f" + i.ToString("D6", CultureInfo.InvariantCulture)).ToList();
            TallySink NewSink() => new TallySink(r => new[] { ((SyncResult)r).InstanceId }, t => (t as IDictionary<string, object?>)?["instance_id"] as string);
            var sink = NewSink();
            var watch = Stopwatch.StartNew();
            var op = new SyncExternalInstanceOperation(connection, sink, new SyncExternalInstanceOptions { ThrottleLimit = throttle });
            foreach (var id in ids) op.Process(InstanceSource.Instance(id, 1_700_000_000_000));
            op.Complete();
            report.Elapsed = watch.Elapsed;
            report.Requests = sandbox.Server.Journal.Count(r => r.Path == "/open-apis/approval/v4/external_instances");
            sink.Judge(ids, report);
            foreach (var id in sink.Succeeded) if (sandbox.Approval.Instance(id) == null) report.ReportedButMissing.Add(id);

            Outage(plan, sandbox, report, "/open-apis/approval/v4/external_instances", () =>
            {
                var outage = NewSink();
                using var fresh = Connect();
                var o = new SyncExternalInstanceOperation(fresh, outage, new SyncExternalInstanceOptions { ThrottleLimit = throttle });
                for (var i = 1; i <= OutageItems(items); i++) o.Process(InstanceSource.Instance("down" + i, 1_700_000_000_000));
                o.Complete();
                return outage;
            });

            RedirectTo(plan, other, report, () =>
            {
                var s = NewSink();
                using var fresh = Connect();
                var o = new SyncExternalInstanceOperation(fresh, s, new SyncExternalInstanceOptions { ThrottleLimit = 1 });
                o.Process(InstanceSource.Instance("redirected", 1_700_000_000_000));
                o.Complete();
                return s;
            });
            return report;
        }

        public static FaultReport Project(int items, int throttle, int seed)
        {
            using var sandbox = StartSandbox();
            using var other = SandboxHost.Start();
            string Id(int i) => (6_300_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            for (var i = 1; i <= items + OutageItems(items) + 1; i++) sandbox.Project.AddWorkItem("faults", "story", Id(i), "start", "done");
            FeishuProjectConnection Connect() => Connector.Create(new FeishuProjectConnectionOptions
            {
                PluginId = "MII_FAULTS", PluginSecret = new Secret(PluginSecret), UserKey = "7136", BaseUri = sandbox.BaseUri, Resilience = Settings,
            });
            using var connection = Connect();
            var plan = sandbox.Server.Faults("project");
            plan.SparePathPrefix = "/open_api/authen/";
            Mix(plan, seed);
            var report = new FaultReport { Service = "project", Items = items };
            NodeOperationRequest Confirm(int i) => new NodeOperationRequest { ProjectKey = "faults", WorkItemTypeKey = "story", WorkItemId = Id(i), NodeId = "start", Action = NodeAction.Confirm };
            TallySink NewSink() => new TallySink(r => new[] { ((NodeOperationResult)r).WorkItemId }, t => (t as NodeOperationRequest)?.WorkItemId);
            var sink = NewSink();
            var watch = Stopwatch.StartNew();
            var op = new NodeOperation(connection, sink, throttle);
            for (var i = 1; i <= items; i++) op.Process(Confirm(i));
            op.Complete();
            report.Elapsed = watch.Elapsed;
            report.Requests = sandbox.Server.Journal.Count(r => r.Path.EndsWith("/operate", StringComparison.Ordinal));
            sink.Judge(Enumerable.Range(1, items).Select(Id), report);
            for (var i = 1; i <= items; i++)
            {
                var node = sandbox.Project.Node("faults", "story", Id(i), "start");
                if (node.Confirmed > 1) report.AppliedTwice.Add(Id(i));
                if (sink.Succeeded.Contains(Id(i)) && node.Status != NodeStatus.Completed) report.ReportedButMissing.Add(Id(i));
            }

            Outage(plan, sandbox, report, "/operate", () =>
            {
                var s = NewSink();
                using var fresh = Connect();
                var o = new NodeOperation(fresh, s, throttle);
                for (var i = items + 1; i <= items + OutageItems(items); i++) o.Process(Confirm(i));
                o.Complete();
                return s;
            });

            RedirectTo(plan, other, report, () =>
            {
                var s = NewSink();
                using var fresh = Connect();
                var o = new NodeOperation(fresh, s, 1);
                o.Process(Confirm(items + OutageItems(items) + 1));
                o.Complete();
                return s;
            });
            return report;
        }

        public static FaultReport Batch(int items, int seed)
        {
            using var sandbox = StartSandbox();
            using var other = SandboxHost.Start();
            BatchApprovalConnection Connect() => Connector.Create(new BatchApprovalConnectionOptions { BaseUri = sandbox.BaseUri, Token = new Secret(BatchToken), Resilience = Settings });
            using var connection = Connect();
            var plan = sandbox.Server.Faults("batch");
            Mix(plan, seed);
            var report = new FaultReport { Service = "batch", Items = items };
            var ids = Enumerable.Range(1, items).Select(i => "task" + i.ToString("D6", CultureInfo.InvariantCulture)).ToList();
            TallySink NewSink() => new TallySink(r => ((ApprovalBatch)r).TaskIds, t => t as string);
            var sink = NewSink();
            var watch = Stopwatch.StartNew();
            var op = new SubmitBatchApprovalOperation(connection, new SubmitBatchApprovalOptions("u-faults"), sink);
            foreach (var id in ids) op.Add(id);
            op.Complete();
            report.Elapsed = watch.Elapsed;
            report.Requests = sandbox.Server.Journal.Count(r => r.Path.StartsWith("/batch_approvals/", StringComparison.Ordinal));
            sink.Judge(ids, report);
            var inBatches = sandbox.Batch.Batches.SelectMany(b => b.TaskIds).GroupBy(t => t, StringComparer.Ordinal).ToList();
            report.AppliedTwice.AddRange(inBatches.Where(g => g.Count() > 1).Select(g => g.Key));
            var held = new HashSet<string>(inBatches.Select(g => g.Key), StringComparer.Ordinal);
            report.ReportedButMissing.AddRange(sink.Succeeded.Where(id => !held.Contains(id)));

            Outage(plan, sandbox, report, "/batch_approvals/", () =>
            {
                var s = NewSink();
                // Checks are reads and retried: the chunks of the outage meet the open breaker.
                using var fresh = Connect();
                var o = new SubmitBatchApprovalOperation(fresh, new SubmitBatchApprovalOptions("u-faults"), s);
                // Three chunks of 200: the first spends its retries, the breaker opens during the second.
                for (var i = 1; i <= 600; i++) o.Add("down" + i);
                o.Complete();
                return s;
            });

            RedirectTo(plan, other, report, () =>
            {
                var s = NewSink();
                using var fresh = Connect();
                var o = new SubmitBatchApprovalOperation(fresh, new SubmitBatchApprovalOptions("u-faults"), s);
                o.Add("redirected");
                o.Complete();
                return s;
            });
            return report;
        }

        private static int OutageItems(int items) => Math.Max(20, items / 10);

        private static void Outage(FaultPlan plan, SandboxHost sandbox, FaultReport report, string path, Func<TallySink> run)
        {
            plan.Clear();
            plan.Outage = true;
            var before = sandbox.Server.Journal.Count(r => r.Path.Contains(path));
            var watch = Stopwatch.StartNew();
            var sink = run();
            report.OutageElapsed = watch.Elapsed;
            report.OutageRequests = sandbox.Server.Journal.Count(r => r.Path.Contains(path)) - before;
            report.OutageItems = sink.Records.Count;
            report.OutageCircuitOpen = sink.ErrorIdsByKey.Values.Count(e => e == OutageBreakerId);
            plan.Outage = false;
        }

        private const string OutageBreakerId = "CircuitOpen";

        private static void RedirectTo(FaultPlan plan, SandboxHost other, FaultReport report, Func<TallySink> run)
        {
            plan.Clear();
            plan.RedirectNext(100, new Uri(other.BaseUri, "stolen"));
            var sink = run();
            plan.RedirectNext(0, null);
            report.RedirectLeaks = other.Server.Journal.Count;
            report.RedirectOutcome = sink.ErrorIdsByKey.Count > 0 ? string.Join("/", sink.ErrorIdsByKey.Values.Distinct()) : sink.Succeeded.Count > 0 ? "succeeded" : "no record";
        }

        /// <summary>Counts the records of each input key: results by the result's key(s), errors by their target's key.</summary>
        private sealed class TallySink : IOperationSink
        {
            private readonly Func<object, IEnumerable<string>> _resultKeys;
            private readonly Func<object?, string?> _targetKey;

            public TallySink(Func<object, IEnumerable<string>> resultKeys, Func<object?, string?> targetKey)
            {
                _resultKeys = resultKeys;
                _targetKey = targetKey;
            }

            public ConcurrentDictionary<string, int> Records { get; } = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            public ConcurrentDictionary<string, string> ErrorIdsByKey { get; } = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            public HashSet<string> Succeeded { get; } = new HashSet<string>(StringComparer.Ordinal);

            public void Emit(object item)
            {
                foreach (var key in _resultKeys(item))
                {
                    Records.AddOrUpdate(key, 1, (_, n) => n + 1);
                    lock (Succeeded) Succeeded.Add(key);
                }
            }

            public void Fail(OperationError error)
            {
                var key = _targetKey(error.Target) ?? "(no target: " + error.ErrorId + ")";
                Records.AddOrUpdate(key, 1, (_, n) => n + 1);
                ErrorIdsByKey[key] = error.ErrorId;
            }

            public void Judge(IEnumerable<string> inputs, FaultReport report)
            {
                var expected = new HashSet<string>(inputs, StringComparer.Ordinal);
                foreach (var key in expected) if (!Records.TryGetValue(key, out var n) || n != 1) report.NotExactlyOnce.Add(key);
                foreach (var key in Records.Keys) if (!expected.Contains(key)) report.NotExactlyOnce.Add(key);
                report.Succeeded = Succeeded.Count;
                report.Failed = ErrorIdsByKey.Count;
                foreach (var id in ErrorIdsByKey.Values) report.ErrorIds[id] = report.ErrorIds.TryGetValue(id, out var n) ? n + 1 : 1;
            }

            public void Progress(ProgressInfo progress) { }
            public bool ShouldProcess(string target, string action) => true;
            public bool ShouldContinue(string target, string query) => true;
            public bool IsVerboseEnabled => false;
            public bool IsDebugEnabled => false;
            public void Verbose(string message) { }
            public void Debug(string message) { }
            public void Warning(string message) { }
            public CancellationToken Cancellation => CancellationToken.None;
        }
    }
}
