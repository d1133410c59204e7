using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Definitions;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Project.Operations;
using ApprovalTools.QuickStart;
using ApprovalTools.Sandbox;

// The main job of each of the three services, against an embedded sandbox on 127.0.0.1, through the same Core
// operations the cmdlets call. Exits non-zero when any step does not turn out as the README says it will.
var failures = new List<string>();
void Expect(bool condition, string what)
{
    if (!condition) failures.Add(what);
    Console.WriteLine((condition ? "  ok: " : "  FAILED: ") + what);
}

using var sandbox = Sandbox.Start();
sandbox.Project.SeedDemo();
Console.WriteLine($"Sandbox listening on {sandbox.BaseUri}");

var instancesPath = args.Length > 0 ? args[0] : Path.Combine(FindRepoRoot(), "examples", "instances.json");
var instances = JsonNode.Parse(File.ReadAllText(instancesPath))!.AsArray();

Console.WriteLine($"\n1. Connect-Feishu -Sandbox; Set-ExternalApproval ...; Get-Content {Path.GetFileName(instancesPath)} | ConvertFrom-Json | Sync-ExternalInstance -Mode Update");
using var feishu = await Connector.ConnectAsync(new FeishuConnectionOptions
{
    AppId = "cli_quickstart", AppSecret = new Secret(sandbox.Settings.AppSecret), BaseUri = sandbox.BaseUri, IsSandbox = true,
}, CancellationToken.None);
// Instances are synced into a third-party approval definition: create it, then give the instances the code Feishu answered.
var definitionSink = new ConsoleSink();
new SetExternalApprovalOperation(feishu, definitionSink).Process(new ExternalApprovalRequest { ApprovalCode = "erp-purchase", Name = "Purchase order", SupportPc = true, SupportMobile = true });
var definition = definitionSink.Objects.OfType<ExternalApproval>().Single();
foreach (var instance in instances) instance!["approval_code"] = definition.ApprovalCode;
var sync = Run(sink => { var op = new SyncExternalInstanceOperation(feishu, sink); return Steps(op.Process, op.Complete); }, instances.Select(i => (object?)i!.ToJsonString()));
Expect(sync.Objects.Count == instances.Count && sync.Errors.Count == 0, $"{instances.Count} instances synced, one result each");

Console.WriteLine("\n2. The ERP approves a task locally, but that sync is lost; Test-ExternalInstance finds the drift");
var changed = instances[0]!.DeepClone();
var task = changed["task_list"]![0]!;
var later = (long.Parse((string)changed["update_time"]!) + 60_000).ToString();
task["status"] = "APPROVED";
task["end_time"] = later;
task["update_time"] = later;
changed["update_time"] = later;
var local = instances.Select((i, n) => n == 0 ? changed.ToJsonString() : i!.ToJsonString()).ToList();
var test = Run(sink => { var op = new TestExternalInstanceOperation(feishu, sink); return Steps(op.Process, op.Complete); }, local);
var diffs = test.Objects.OfType<ExternalInstanceDiff>().ToList();
Expect(diffs.Count == 1 && diffs[0].Reason == DiffReason.TaskStale, "exactly the changed instance is reported, reason TaskStale");

Console.WriteLine("\n3. Test-ExternalInstance | Sync-ExternalInstance -Mode Update resyncs exactly what is out of sync");
var resync = Run(sink => { var op = new SyncExternalInstanceOperation(feishu, sink); return Steps(op.Process, op.Complete); }, diffs);
Expect(resync.Objects.Count == 1 && resync.Errors.Count == 0, "one instance resynced");
var retest = Run(sink => { var op = new TestExternalInstanceOperation(feishu, sink); return Steps(op.Process, op.Complete); }, local);
Expect(retest.Objects.Count == 0, "a second Test-ExternalInstance finds nothing out of sync");

Console.WriteLine("\n4. Submit-BatchApproval -UserId u1 -TaskId (450 ids, 2 unsupported, 1 closed) -Wait");
using var batch = Connector.Create(new BatchApprovalConnectionOptions { BaseUri = sandbox.BaseUri, IsSandbox = true });
sandbox.Batch.Unsupported["task-007"] = "batch approval is not enabled for this definition";
sandbox.Batch.Unsupported["task-123"] = "the task needs a signature";
sandbox.Batch.Failing["task-300"] = true;
var ids = Enumerable.Range(1, 450).Select(n => (object?)$"task-{n:000}");
var submit = Run(sink => { var op = new SubmitBatchApprovalOperation(batch, new SubmitBatchApprovalOptions("u1") { Wait = true }, sink); return Steps(op.Add, op.Complete); }, ids);
var batches = submit.Objects.OfType<ApprovalBatch>().ToList();
Expect(batches.Count == 3 && batches.All(b => b.TaskIds.Count() <= 200), "448 supported ids submitted in 3 calls of at most 200");
Expect(submit.Errors.Count(e => e.ErrorId == "BatchTaskUnsupported") == 2 && submit.Errors.Count(e => e.ErrorId == "BatchTaskFailed") == 1,
    "2 unsupported and 1 failed task reported as errors: every id accounted for");

Console.WriteLine("\n5. Connect-FeishuProject -Sandbox; Invoke-NodeOperation on the demo story 1001");
using var project = await Connector.ConnectAsync(new FeishuProjectConnectionOptions
{
    PluginId = "MII_QUICKSTART", PluginSecret = new Secret(sandbox.Settings.PluginSecret), UserKey = "7136000000000000676", BaseUri = sandbox.BaseUri, IsSandbox = true,
}, CancellationToken.None);
NodeOperationRequest Node(string node, NodeAction action) =>
    new() { ProjectKey = "demo", WorkItemTypeKey = "story", WorkItemId = "1001", NodeId = node, Action = action };
var nodes = Run(sink => { var op = new NodeOperation(project, sink, throttleLimit: 1); return Steps(i => op.Process(i!), op.Complete); }, new object?[]
{
    Node("start", NodeAction.Confirm),
    Node("design", NodeAction.Confirm),
});
Expect(nodes.Objects.Count == 1 && nodes.Errors.Single().ErrorId == "NodeOwnerRequired", "start confirmed; design refused until it has an owner (20038, with the remedy)");
var design = Node("design", NodeAction.Confirm);
design.NodeOwners = new List<string> { "7136000000000000676" };
var rollback = Node("design", NodeAction.Rollback);
rollback.RollbackReason = "需求变更";
var fixedNodes = Run(sink => { var op = new NodeOperation(project, sink, throttleLimit: 1); return Steps(i => op.Process(i!), op.Complete); }, new object?[] { design, rollback });
Expect(fixedNodes.Objects.Count == 2 && fixedNodes.Errors.Count == 0, "design confirmed with an owner, then rolled back with a reason");

Console.WriteLine(failures.Count == 0 ? "\nQuick start finished: every step behaved as documented. The module is staged in out/ApprovalTools." : $"\nQuick start FAILED in {failures.Count} step(s).");
return failures.Count == 0 ? 0 : 1;

// What a cmdlet does in ProcessRecord / EndProcessing: feed items as they come, then complete.
static ConsoleSink Run(Func<ConsoleSink, (Action<object?> Process, Action Complete)> create, IEnumerable<object?> items)
{
    var sink = new ConsoleSink();
    var operation = create(sink);
    foreach (var item in items) operation.Process(item);
    operation.Complete();
    return sink;
}

static (Action<object?>, Action) Steps(Action<object?> process, Action complete) => (process, complete);

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ApprovalTools.sln"))) return dir.FullName;
    }
    return Directory.GetCurrentDirectory();
}
