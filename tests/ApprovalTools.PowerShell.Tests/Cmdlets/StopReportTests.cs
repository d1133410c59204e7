using System.Text.RegularExpressions;
using ApprovalTools.PowerShell.Tests.Harness;
using Xunit;

namespace ApprovalTools.PowerShell.Tests.Cmdlets;

/// <summary>
/// Ctrl+C reports what was already sent: every batch the server accepted and the command did not write, every
/// instance or node operation in flight. A stopped pipeline takes no more records, so the report is a host warning line.
/// The stops land in a state the test waits for on the server (requests it holds unanswered, requests it received),
/// never after a guessed time, so what must be named is known exactly.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class StopReportTests : IClassFixture<SandboxSessionFixture>
{
    // Hang guards only: each wait ends as soon as its condition holds.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly PowerShellSession _ps;

    public StopReportTests(SandboxSessionFixture fixture) => _ps = fixture.Session;

    [Fact]
    public void Submit_Wait_stopped_names_every_accepted_batch_it_did_not_write()
    {
        dynamic service = _ps.Run("$sandbox.Batch").Output.Single().BaseObject;
        dynamic server = _ps.Run("$sandbox.Server").Output.Single().BaseObject;
        var before = ((System.Collections.ICollection)service.Batches).Count;
        _ps.Run("$sandbox.Batch.TasksPerSecond = 200; $sandbox.Server.ClearJournal()").AssertCompleted();
        try
        {
            using var pending = _ps.Begin("$run = [guid]::NewGuid().ToString('N').Substring(0, 8); Submit-BatchApproval -UserId u-stopreport -TaskId (1..3000 | ForEach-Object { \"sr-$run-$_\" }) -Wait -PollInterval 0.05 -Connection $batch");
            // Stop during the wait: the first progress read comes after the last of the 15 answers was read (200 tasks/s
            // keeps most of them running for seconds, so some are written and some not).
            Assert.True(pending.WaitUntil(_ => ProgressReads(server) > 0, Bound), "the command never started waiting");
            pending.Stop();
            var result = pending.Wait(Bound);

            Assert.True(result.Stopped, result.Describe());
            var accepted = ((IEnumerable<dynamic>)service.Batches).Skip(before).Select(b => (string)b.BatchNumber).ToList();
            Assert.Equal(15, accepted.Count);
            var written = result.Output.Select(o => o.Properties["BatchNumber"].Value!.ToString()!).ToList();
            var report = Assert.Single(result.HostLines, l => l.StartsWith("WARNING: Stopped:", StringComparison.Ordinal));
            Assert.All(accepted.Except(written), number => Assert.Contains(number, report));
            Assert.All(written, number => Assert.DoesNotContain(number, report));
            Assert.Contains("Get-BatchApprovalProgress -UserId 'u-stopreport'", report);
        }
        finally
        {
            _ps.Run("$sandbox.Batch.TasksPerSecond = 500");
        }
    }

    [Fact]
    public void Sync_stopped_while_waiting_names_exactly_the_instances_the_server_holds()
    {
        var plan = HoldingPlan();
        dynamic server = _ps.Run("$sandbox.Server").Output.Single().BaseObject;
        var gate = new ManualResetEventSlim();
        _ps.Set("gate", gate);
        try
        {
            // Items 1-5 are answered; the feeder then waits for the test, which makes the server hold the next four
            // requests unanswered. With -ThrottleLimit 4 the command then waits on them and sends nothing more.
            using var pending = _ps.Begin("$run = [guid]::NewGuid().ToString('N').Substring(0, 8); 1..40 | ForEach-Object { if ($_ -eq 6) { $gate.Wait() }; New-TestInstance -Id \"srs-$run-$_\" } | Sync-ExternalInstance -ThrottleLimit 4 -Connection $feishu");
            Assert.True(pending.WaitUntil(_ => CreateRequests(server) >= 5, Bound), "the first five instances were not sent");
            plan.HangNext(4);
            gate.Set();
            Assert.True(pending.WaitUntil(_ => (int)plan.Holding == 4, Bound), "the server does not hold four requests");
            pending.Stop();
            var result = pending.Wait(Bound);

            Assert.True(result.Stopped, result.Describe());
            var written = WrittenIds(result);
            var named = NamedIds(result, "srs-");
            var sent = SentIds();
            Assert.Equal(4, named.Count);
            Assert.True(written.Count >= 4, result.Describe());
            Assert.Empty(written.Intersect(named));
            Assert.Equal(sent.Except(written).Order(), named.Order());
        }
        finally
        {
            Release(plan);
        }
    }

    [Fact]
    public void Sync_stopped_while_the_feeding_command_runs_names_the_instances_in_flight()
    {
        var plan = HoldingPlan();
        var feederWaits = new ManualResetEventSlim();
        _ps.Set("feederWaits", feederWaits);
        plan.HangNext(3);
        try
        {
            // Ctrl+C lands while ForEach-Object sleeps, not inside Sync-ExternalInstance, with three requests unanswered.
            using var pending = _ps.Begin("$run = [guid]::NewGuid().ToString('N').Substring(0, 8); 1..40 | ForEach-Object { if ($_ -eq 4) { $feederWaits.Set(); Start-Sleep -Seconds 600 }; New-TestInstance -Id \"srf-$run-$_\" } | Sync-ExternalInstance -ThrottleLimit 4 -Connection $feishu");
            Assert.True(pending.WaitUntil(_ => feederWaits.IsSet && (int)plan.Holding == 3, Bound), "the server does not hold three requests");
            pending.Stop();
            var result = pending.Wait(Bound);

            Assert.True(result.Stopped, result.Describe());
            Assert.Empty(result.Output);
            // Written by the cmdlet's Dispose, which PowerShell may run after the stopped run reported its end.
            Assert.True(pending.WaitForLateWrite(p => p.HostLinesSoFar.Any(IsStopReport), Bound), "no stop report was written");
            var report = Assert.Single(pending.HostLinesSoFar, IsStopReport);
            Assert.StartsWith("WARNING: Stopped: 3 instance(s) sent whose results were not written", report);
            Assert.Equal(SentIds().Order(), NamedIds(result, "srf-").Order());
        }
        finally
        {
            Release(plan);
        }
    }

    private static bool IsStopReport(string line) => line.StartsWith("WARNING: Stopped:", StringComparison.Ordinal);

    /// <summary>The approval service's fault plan, cleared, with the token endpoint spared and holds that outlast any test.</summary>
    private dynamic HoldingPlan()
    {
        _ps.Run("$p = $sandbox.Server.Faults('approval'); $p.Clear(); $p.SparePathPrefix = '/open-apis/auth/'; $p.HangFor = [timespan]::FromMinutes(5); $sandbox.Server.ClearJournal()").AssertCompleted();
        return _ps.Run("$sandbox.Server.Faults('approval')").Output.Single().BaseObject;
    }

    private void Release(dynamic plan)
    {
        plan.Clear();
        plan.ReleaseHeld();
        _ps.Run("$sandbox.Server.Faults('approval').SparePathPrefix = $null");
    }

    private static int ProgressReads(dynamic server) =>
        ((IEnumerable<dynamic>)server.Journal).Count(r => (string)r.Method == "GET" && ((string)r.Path).EndsWith("/batch_approvals/_submit", StringComparison.Ordinal));

    private static int CreateRequests(dynamic server) =>
        ((IEnumerable<dynamic>)server.Journal).Count(r => (string)r.Path == "/open-apis/approval/v4/external_instances");

    /// <summary>The instance ids of the create requests the server received since the journal was cleared.</summary>
    private List<string> SentIds() =>
        _ps.Run("$sandbox.Server.Journal | Where-Object Path -eq '/open-apis/approval/v4/external_instances' | ForEach-Object { ($_.BodyText | ConvertFrom-Json).instance_id }")
            .AssertCompleted().Output.Select(o => o.BaseObject.ToString()!).Distinct().ToList();

    private static List<string> WrittenIds(RunResult result) =>
        result.Output.Select(o => o.Properties["InstanceId"].Value!.ToString()!).ToList();

    /// <summary>The ids listed in the one stop warning ("Stopped: N instance(s) ...: a, b, c. Run the same input again ...").</summary>
    private static List<string> NamedIds(RunResult result, string prefix)
    {
        var report = Assert.Single(result.HostLines, l => l.StartsWith("WARNING: Stopped:", StringComparison.Ordinal));
        var list = Regex.Match(report, $@": ({Regex.Escape(prefix)}[^.]*)\. Run the same input again");
        Assert.True(list.Success, report);
        return list.Groups[1].Value.Split(", ").ToList();
    }
}
