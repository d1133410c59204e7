using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// Ctrl+C reports what was already sent: every batch the server accepted and the command did not write, every
/// instance or node operation in flight. A stopped pipeline takes no more records, so the report is a host warning line.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class StopReportTests : IClassFixture<SandboxSessionFixture>
{
    private readonly PowerShellSession _ps;

    public StopReportTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

    [Fact]
    public void Submit_Wait_stopped_names_every_accepted_batch_it_did_not_write()
    {
        dynamic service = _ps.Run("$sandbox.Batch").Output.Single().BaseObject;
        var before = ((System.Collections.ICollection)service.Batches).Count;
        _ps.Run("$sandbox.Batch.TasksPerSecond = 200").AssertCompleted();
        try
        {
            using var pending = _ps.Begin("$run = [guid]::NewGuid().ToString('N').Substring(0, 8); Submit-BatchApproval -UserId u-stopreport -TaskId (1..3000 | ForEach-Object { \"sr-$run-$_\" }) -Wait -PollInterval 0.05 -Connection $batch");
            // Stop during the wait: all 15 batches accepted, the first still running (200 tasks/s).
            Assert.True(pending.WaitUntil(_ => ((System.Collections.ICollection)service.Batches).Count - before >= 15, TimeSpan.FromSeconds(60)), "the batches were not all submitted");
            Thread.Sleep(200);
            pending.Stop();
            var result = pending.Wait(TimeSpan.FromSeconds(10));

            Assert.True(result.Stopped, result.Describe());
            var accepted = ((IEnumerable<dynamic>)service.Batches).Skip(before).Select(b => (string)b.BatchNumber).ToList();
            var written = result.Output.Select(o => o.Properties["BatchNumber"].Value?.ToString()).ToList();
            var report = Assert.Single(result.HostLines, l => l.StartsWith("WARNING: Stopped:", StringComparison.Ordinal));
            Assert.All(accepted.Except(written), number => Assert.Contains(number, report));
            Assert.All(written, number => Assert.DoesNotContain(number!, report));
            Assert.Contains("Get-BatchApprovalProgress -UserId 'u-stopreport'", report);
        }
        finally
        {
            _ps.Run("$sandbox.Batch.TasksPerSecond = 500");
        }
    }

    [Fact]
    public void Sync_stopped_names_the_instances_in_flight()
    {
        _ps.Run("$sandbox.Server.Faults('approval').Latency = [timespan]::FromMilliseconds(300)").AssertCompleted();
        try
        {
            dynamic server = _ps.Run("$sandbox.Server").Output.Single().BaseObject;
            _ps.Run("$sandbox.Server.ClearJournal()").AssertCompleted();
            using var pending = _ps.Begin("$run = [guid]::NewGuid().ToString('N').Substring(0, 8); 1..40 | ForEach-Object { New-TestInstance -Id \"srs-$run-$_\" } | Sync-ExternalInstance -ThrottleLimit 4 -Connection $feishu");
            Assert.True(pending.WaitUntil(_ => ((System.Collections.ICollection)server.Journal).Count >= 6, TimeSpan.FromSeconds(30)));
            pending.Stop();
            var result = pending.Wait(TimeSpan.FromSeconds(10));

            Assert.True(result.Stopped, result.Describe());
            var report = Assert.Single(result.HostLines, l => l.StartsWith("WARNING: Stopped:", StringComparison.Ordinal));
            Assert.Matches(@"Stopped: [1-4] instance\(s\) sent", report);
            var written = result.Output.Select(o => o.Properties["InstanceId"].Value?.ToString()).ToList();
            Assert.All(written, id => Assert.DoesNotContain(id + ",", report + ","));
        }
        finally
        {
            _ps.Run("$sandbox.Server.Faults('approval').Clear()");
        }
    }
}
