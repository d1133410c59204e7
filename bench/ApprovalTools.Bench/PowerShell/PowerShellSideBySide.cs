using System.Globalization;
using System.IO;
using System.Text.Json;
using ApprovalTools.Bench.Approval;
using ApprovalTools.Sandbox;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Bench.PowerShell
{
    /// <summary>
    /// What users feel, from one run: the cmdlets in a real pwsh (bench/pwsh/Measure-Client.ps1) against a sandbox in
    /// this process, so the pwsh process holds only the client. Prints the sustained rate against each documented limit,
    /// module vs raw HttpClient vs Invoke-RestMethod ratios (side by side in one pwsh, repeated), memory growth while
    /// streaming 10k and 100k instances, and the first call of a fresh session.
    /// </summary>
    internal sealed class PowerShellSideBySide : IBenchmark
    {
        private const string Secret = "bench-secret-0123456789";

        public string Name => "pwsh";

        public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var quick = context.Options.Quick;
            var output = context.Output;
            var stale = context.Options.Module == null ? StagedModule.Problem(PwshChild.RepositoryRoot) : null;
            if (stale != null)
            {
                output.WriteLine($"pwsh: {stale}; stage it first: dotnet pwsh -NoProfile -File build.ps1 -Task Build");
                return Task.CompletedTask;
            }
            PwshChild.Module = context.Options.Module;
            if (context.Options.Module != null) output.WriteLine("pwsh: module " + context.Options.Module);
            if (context.Options.Pwsh == "readytorun")
            {
                if (PwshBuilds.ReadyToRun(output) is not { } precompiled) return Task.CompletedTask;
                PwshChild.Build = precompiled;
            }
            output.WriteLine($"pwsh: rates, throughput and memory run in {PwshChild.Build.Description}; the first call in both builds");
            var verdicts = new List<string>();
            bool Part(string name) => context.Options.Parts == null || context.Options.Parts.Contains(name);
            if (Part("rate-sync")) RateSync(output, quick ? 120 : 2000, verdicts);
            if (Part("rate-node")) RateNode(output, quick ? 45 : 600, verdicts);
            if (Part("throughput")) Throughput(output, quick ? 1000 : 10000, quick ? 1 : 5, verdicts);
            if (Part("memory") && !quick) Memory(output, verdicts);
            if (Part("firstcall")) FirstCall(output, quick ? 2 : 7, verdicts);
            output.WriteLine("verdicts (targets of issue 10):");
            foreach (var verdict in verdicts) output.WriteLine("  " + verdict);
            return Task.CompletedTask;
        }

        private static void RateSync(TextWriter output, int n, List<string> verdicts)
        {
            using var sandbox = SandboxHost.Start(new SandboxSettings { AppSecret = Secret, ApprovalDefinitions = { InstanceSource.ApprovalCode } });
            output.WriteLine($"rate-sync: Sync-ExternalInstance, {n} instances, default settings (client 50/s + 1000/min, -ThrottleLimit 4), sandbox {sandbox.Approval.RequestsPerSecond}/s + {sandbox.Approval.RequestsPerMinute}/min sliding");
            var result = PwshChild.Run("rate-sync", sandbox.BaseUri, Secret, output, "-Count", Text(n)).Single();
            var arrivals = sandbox.Server.Journal.Where(r => r.Method == "POST" && r.Path == ApprovalTools.Sandbox.Approval.ApprovalService.CreatePath).Select(r => r.ReceivedAt).OrderBy(t => t).ToList();
            var span = (arrivals[arrivals.Count - 1] - arrivals[0]).TotalSeconds;
            var ideal = IdealSpan(n, 50, 1000);
            var throttled = arrivals.Count - n;
            output.WriteLine($"  {"creates",7} {"results",7} {"errors",6} {"span s",7} {"ideal s",7} {"% of limit",10} {"max any 1 s",11} {"max any 60 s",12} {"429s",5}");
            output.WriteLine($"  {arrivals.Count,7} {result.GetProperty("results").GetInt32(),7} {result.GetProperty("errors").GetInt32(),6} {span,7:F1} {ideal,7:F1} {100 * ideal / span,10:F1} {MaxIn(arrivals, 1),11} {MaxIn(arrivals, 60),12} {throttled,5}");
            verdicts.Add(Verdict($"Feishu create rate {100 * ideal / span:F1} % of 50/s + 1000/min over {n} ({throttled} throttled)", ideal / span >= 0.95 && throttled == 0));
        }

        private static void RateNode(TextWriter output, int n, List<string> verdicts)
        {
            using var sandbox = SandboxHost.Start(new SandboxSettings { PluginSecret = Secret });
            for (var i = 1; i <= n; i++) sandbox.Project.AddWorkItem("bench", "story", (6_300_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture), "start", "review", "done");
            output.WriteLine($"rate-node: Invoke-NodeOperation -Action Confirm, {n} work items, default settings (client 15/s, -ThrottleLimit 4), sandbox {sandbox.Project.RequestsPerSecond} QPS sliding");
            var result = PwshChild.Run("rate-node", sandbox.BaseUri, Secret, output, "-Count", Text(n)).Single();
            var arrivals = sandbox.Server.Journal.Where(r => r.Path.EndsWith("/operate", StringComparison.Ordinal)).Select(r => r.ReceivedAt).OrderBy(t => t).ToList();
            var span = (arrivals[arrivals.Count - 1] - arrivals[0]).TotalSeconds;
            var ideal = IdealSpan(n, 15, 0);
            output.WriteLine($"  {"operates",8} {"results",7} {"errors",6} {"span s",7} {"ideal s",7} {"% of limit",10} {"max any 1 s",11} {"10429s",6}");
            output.WriteLine($"  {arrivals.Count,8} {result.GetProperty("results").GetInt32(),7} {result.GetProperty("errors").GetInt32(),6} {span,7:F1} {ideal,7:F1} {100 * ideal / span,10:F1} {MaxIn(arrivals, 1),11} {sandbox.Project.RateLimitedCount,6}");
            verdicts.Add(Verdict($"Feishu Project operate rate {100 * ideal / span:F1} % of 15/s over {n} ({sandbox.Project.RateLimitedCount} throttled)", ideal / span >= 0.95 && sandbox.Project.RateLimitedCount == 0));
        }

        private static void Throughput(TextWriter output, int n, int reps, List<string> verdicts)
        {
            using var sandbox = Unlimited(out var clearing);
            output.WriteLine($"throughput: limits off, -ThrottleLimit 4 / 4 in flight, {n} instances per run ({Math.Max(200, n / 10)} for Invoke-RestMethod, sequential), {reps} reps side by side");
            var rows = PwshChild.Run("throughput", sandbox.BaseUri, Secret, output, "-Count", Text(n), "-Reps", Text(reps));
            clearing.Dispose();
            if (rows.Count > 0)
            {
                var warmed = rows[0].GetProperty("warmed");
                output.WriteLine($"  warmed until tier-up settled: module {warmed.GetProperty("module").GetInt32()}, raw {warmed.GetProperty("raw").GetInt32()}, IRM {warmed.GetProperty("irm").GetInt32()} items");
            }
            output.WriteLine($"  {"rep",3} {"module/s",8} {"raw/s",6} {"IRM/s",6} {"mod/raw",7} {"mod/IRM",7} {"CPU µs mod",10} {"raw",5} {"ratio",5} {"KB mod",6} {"raw",5} {"ratio",5}");
            var ratios = new List<double[]>();
            foreach (var row in rows)
            {
                double F(string who, string what) => row.GetProperty(who).GetProperty(what).GetDouble();
                var r = new[] { F("module", "perSecond") / F("raw", "perSecond"), F("module", "perSecond") / F("irm", "perSecond"), F("module", "cpuUs") / F("raw", "cpuUs"), F("module", "kb") / F("raw", "kb"), F("raw", "perSecond") / F("irm", "perSecond") };
                ratios.Add(r);
                output.WriteLine($"  {row.GetProperty("rep").GetInt32(),3} {F("module", "perSecond"),8:F0} {F("raw", "perSecond"),6:F0} {F("irm", "perSecond"),6:F0} {r[0],7:F2} {r[1],7:F1} {F("module", "cpuUs"),10:F0} {F("raw", "cpuUs"),5:F0} {r[2],5:F2} {F("module", "kb"),6:F1} {F("raw", "kb"),5:F1} {r[3],5:F2}");
            }
            if (ratios.Count == 0) return;
            string Stats(int i) { var v = ratios.Select(r => r[i]).OrderBy(x => x).ToList(); return $"{v[0]:F2} / {v[v.Count / 2]:F2} / {v[v.Count - 1]:F2}"; }
            double Median(int i) => ratios.Select(r => r[i]).OrderBy(x => x).ElementAt(ratios.Count / 2);
            output.WriteLine($"  min / median / max: module/raw {Stats(0)}; module/IRM {Stats(1)}; CPU module/raw {Stats(2)}; allocation module/raw {Stats(3)}; raw/IRM {Stats(4)}");
            verdicts.Add(Verdict($"module/raw throughput median {Median(0):F2} (goal >= 0.8)", Median(0) >= 0.8));
            verdicts.Add(Verdict($"module/IRM throughput median {Median(1):F1} (goal >= 8; the raw HttpClient loop itself reaches {Median(4):F1}x Invoke-RestMethod here)", Median(1) >= 8));
            verdicts.Add(Verdict($"CPU per item module/raw median {Median(2):F2} (goal <= 1.5)", Median(2) <= 1.5));
            verdicts.Add(Verdict($"allocation per item module/raw median {Median(3):F2} (goal <= 2)", Median(3) <= 2));
        }

        private static void Memory(TextWriter output, List<string> verdicts)
        {
            output.WriteLine("memory: pwsh working set while streaming instances through Sync-ExternalInstance (limits off, throttle 4),"
                + " then, as the anchor, through the raw HttpClient loop (4 in flight) in a fresh pwsh that imported and connected the same way");
            output.WriteLine($"  {"client",6} {"items",7} {"after connect MB",16} {"after 200 MB",12} {"peak MB",7} {"growth MB",9} {"vs warm MB",10} {"inst/s",6} | {"live heap MB",14} {"GC committed MB",15} {"LOH MB",14} {"C heap MB",14} {"methods JIT'd",13} {"threads",7}");
            var growth = new Dictionary<string, double>();
            foreach (var client in new[] { "module", "raw" })
            {
                using var sandbox = Unlimited(out var clearing);
                var rows = PwshChild.Run("memory", sandbox.BaseUri, Secret, output, "-Client", client);
                clearing.Dispose();
                foreach (var row in rows)
                {
                    double F(string what) => row.GetProperty(what).GetDouble();
                    growth[client] = F("peakMb") - F("baselineMb");
                    output.WriteLine($"  {client,6} {row.GetProperty("items").GetInt32(),7} {F("baselineMb"),16:F1} {F("warmMb"),12:F1} {F("peakMb"),7:F1} {growth[client],9:F1} {F("peakMb") - F("warmMb"),10:F1} {F("perSecond"),6:F0} | "
                        + $"{F("baseLiveMb"),5:F1} -> {F("liveMb"),5:F1} {F("baseCommittedMb"),5:F1} -> {F("peakCommittedMb"),5:F1} {F("baseLohMb"),5:F1} -> {F("peakLohMb"),5:F1} {F("baseNativeMb"),5:F1} -> {F("peakNativeMb"),5:F1} {F("methods"),13:F0} {F("threads"),7:F0}");
                }
            }
            output.WriteLine("  live heap: managed data alive after a full GC, connected -> after the run (what the module keeps);"
                + " GC committed: connected -> peak while streaming (the GC's budgets, garbage included); LOH: the large object heap, connected -> peak"
                + " (garbage there waits for a full collection); C heap: what glibc's malloc holds, connected -> peak (the runtime's native memory: JIT,"
                + " type loader; its arenas keep what is freed); methods JIT'd during the run (tier-up)");
            var knobs = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) && (k.Contains("GC") || k.Contains("Tiered")) || k.StartsWith("MALLOC_", StringComparison.Ordinal)).OrderBy(k => k).ToList();
            if (knobs.Count > 0) output.WriteLine("  runtime settings in effect for pwsh: " + string.Join(" ", knobs.Select(k => k + "=" + Environment.GetEnvironmentVariable(k))));
            if (!growth.TryGetValue("module", out var module)) return;
            verdicts.Add(Verdict($"memory growth at 100k {module:F1} MB over the connected session (goal <= 20; the raw HttpClient loop in the same session: "
                + (growth.TryGetValue("raw", out var raw) ? $"{raw:F1} MB" : "not measured") + ")"
                + (knobs.Count > 0 ? " with " + string.Join(" ", knobs) + " set" : string.Empty), module <= 20));
        }

        private static void FirstCall(TextWriter output, int runs, List<string> verdicts)
        {
            using var sandbox = SandboxHost.Start(new SandboxSettings { AppSecret = Secret, ApprovalDefinitions = { InstanceSource.ApprovalCode } });
            var builds = new List<PwshBuild> { PwshBuilds.Tool };
            if (PwshBuilds.ReadyToRun(output) is { } precompiled) builds.Add(precompiled);
            output.WriteLine($"first call: a fresh pwsh per run (its own start not counted), {runs} runs each, alternating, in each PowerShell build:");
            output.WriteLine("  module = Import-Module + Connect-Feishu + Sync-ExternalInstance of one instance;"
                + " IRM = the same token and create requests with Invoke-RestMethod (no import), what PowerShell itself costs");
            foreach (var build in builds)
            {
                output.WriteLine($"  in {build.Description}:");
                output.WriteLine($"  {"",6} {"import ms",9} {"connect ms",10} {"sync ms",7} {"total ms",8}   JIT ms (methods compiled): import, connect, sync");
                var totals = new Dictionary<string, List<double>> { ["firstcall"] = new List<double>(), ["firstcall-irm"] = new List<double>() };
                for (var i = 0; i < runs; i++)
                {
                    foreach (var scenario in totals.Keys)
                    {
                        foreach (var row in PwshChild.Run(build, scenario, sandbox.BaseUri, Secret, output))
                        {
                            double F(string what) => row.GetProperty(what).GetDouble();
                            totals[scenario].Add(F("totalMs"));
                            output.WriteLine($"  {(scenario == "firstcall" ? "module" : "IRM"),6} {F("importMs"),9:F0} {F("connectMs"),10:F0} {F("syncMs"),7:F0} {F("totalMs"),8:F0}   {F("importJitMs"):F0} ({F("importMethods"):F0}), {F("connectJitMs"):F0} ({F("connectMethods"):F0}), {F("syncJitMs"):F0} ({F("syncMethods"):F0})");
                        }
                    }
                }
                var module = totals["firstcall"];
                var irm = totals["firstcall-irm"];
                if (module.Count == 0) continue;
                module.Sort();
                irm.Sort();
                output.WriteLine($"  total min / median / max: module {module[0]:F0} / {module[module.Count / 2]:F0} / {module[module.Count - 1]:F0} ms"
                    + (irm.Count == 0 ? string.Empty : $"; IRM {irm[0]:F0} / {irm[irm.Count / 2]:F0} / {irm[irm.Count - 1]:F0} ms"));
                verdicts.Add(Verdict($"first call median {module[module.Count / 2]:F0} ms in {build.Description} (goal <= 150; Invoke-RestMethod for the same two requests: "
                    + (irm.Count == 0 ? "not measured" : $"{irm[irm.Count / 2]:F0} ms") + ")", module[module.Count / 2] <= 150));
            }
        }

        /// <summary>A sandbox without limits whose stored instances are dropped every second (ids are all new, answers stay the same).</summary>
        private static SandboxHost Unlimited(out IDisposable clearing)
        {
            var sandbox = SandboxHost.Start(new SandboxSettings { AppSecret = Secret, ApprovalDefinitions = { InstanceSource.ApprovalCode } });
            sandbox.Approval.RequestsPerSecond = 0;
            sandbox.Approval.RequestsPerMinute = 0;
            clearing = new Timer(_ => { sandbox.Approval.Reset(); sandbox.Server.ClearJournal(); }, null, 1000, 1000);
            return sandbox;
        }

        /// <summary>
        /// First to last request of the best possible schedule for n requests under the documented windows: full seconds
        /// of perSecond, and a pause until the next minute whenever perMinute are out.
        /// </summary>
        internal static double IdealSpan(int n, int perSecond, int perMinute)
        {
            double slot = 0, minuteStart = 0;
            int inMinute = 0, inSecond = 0;
            for (var i = 0; i < n; i++)
            {
                if (perMinute > 0 && inMinute == perMinute) { minuteStart += 60; slot = minuteStart; inMinute = 0; inSecond = 0; }
                if (inSecond == perSecond) { slot += 1; inSecond = 0; }
                inMinute++;
                inSecond++;
            }
            return slot;
        }

        private static int MaxIn(IReadOnlyList<DateTimeOffset> sorted, int seconds)
        {
            var most = 0;
            for (int start = 0, end = 0; start < sorted.Count; start++)
            {
                while (end < sorted.Count && sorted[end] < sorted[start] + TimeSpan.FromSeconds(seconds)) end++;
                most = Math.Max(most, end - start);
            }
            return most;
        }

        private static string Verdict(string text, bool met) => (met ? "[met]     " : "[NOT MET] ") + text;

        private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
