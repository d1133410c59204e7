using System.Text.Json;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>examples/instances.json and the docs' walk-through (sync, change a task, test, resync) work as documented.</summary>
    public sealed class ExamplesTests : ApprovalTestBase
    {
        /// <summary>The definition the examples sync into, as the embedded sandbox (Connect-Feishu -Sandbox) holds it.</summary>
        public ExamplesTests() => Server.SeedDefinition(ApprovalTools.Sandbox.Sandbox.DemoApprovalCode);

        private static string ExamplesFile()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "examples", "instances.json");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException("examples/instances.json not found above " + AppContext.BaseDirectory);
        }

        private static List<object?> Items()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(ExamplesFile()));
            return doc.RootElement.EnumerateArray().Select(e => (object?)e.Clone()).ToList();
        }

        [Fact]
        public void The_example_file_holds_three_valid_instances_that_sync_and_then_test_clean()
        {
            var items = Items();

            var sink = Sync(UpdateMode.Update, items.ToArray());

            Assert.Equal(3, items.Count);
            Assert.Empty(sink.Errors.Select(e => e.ToString()));
            Assert.Equal(new[] { "PO-2025-001", "PO-2025-002", "PO-2025-003" }, sink.EmittedOf<SyncResult>().Select(r => r.InstanceId).OrderBy(x => x));
            Assert.Empty(Test(50, items.ToArray()).Emitted);
        }

        [Fact]
        public void Changing_a_task_locally_shows_up_in_Test_and_the_pipe_resyncs_it()
        {
            var items = Items();
            Sync(UpdateMode.Update, items.ToArray());
            // The ERP approves PO-2025-001's pending task: new task status and times, new instance update_time.
            var text = ((JsonElement)items[0]!).GetRawText()
                .Replace("\"status\": \"PENDING\"", "\"status\": \"APPROVED\"")
                .Replace("\"update_time\": \"1735693200000\"", "\"update_time\": \"1735707600000\"")
                .Replace("\"update_time\": \"1735700400000\"", "\"update_time\": \"1735707600000\"");
            items[0] = JsonDocument.Parse(text).RootElement.Clone();

            var diffs = Test(50, items.ToArray()).Emitted.ToArray();
            var resynced = Sync(UpdateMode.Update, diffs);

            var diff = Assert.IsType<ExternalInstanceDiff>(Assert.Single(diffs));
            Assert.Equal("PO-2025-001", diff.InstanceId);
            Assert.Equal(DiffReason.TaskStale, diff.Reason);
            Assert.Equal("PO-2025-001", Only(resynced).InstanceId);
            Assert.Equal("APPROVED", Server.Instance("PO-2025-001")!.Task("PO-2025-001-T1")!.Status);
            Assert.Equal("APPROVED", Server.Instance("PO-2025-001")!.Status);
            Assert.Empty(Test(50, items.ToArray()).Emitted);
        }

        [Fact]
        public void Stopping_the_pipeline_cancels_a_slow_request_promptly()
        {
            _ = Connection;
            Sandbox.Server.Faults("approval").Latency = TimeSpan.FromSeconds(20);
            var sink = new Support.RecordingSink();
            var op = new SyncExternalInstanceOperation(Connection, sink);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            sink.Stop.CancelAfter(200);

            Assert.ThrowsAny<OperationCanceledException>(() =>
            {
                op.Process(Items()[0]);
                op.Complete();
            });

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the stop waited for the slow server");
            Assert.Empty(sink.EmittedOf<SyncResult>());
        }
    }
}
