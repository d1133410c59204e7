using System.IO;
using System.Text.Json;

namespace ApprovalTools.Bench.PowerShell
{
    /// <summary>Runs bench/pwsh/Measure-Client.ps1 in a fresh pwsh and returns its RESULT lines as JSON.</summary>
    internal static class PwshChild
    {
        public static string RepositoryRoot { get; } = FindRoot();

        /// <summary>The module folder to import (--module); null = the script's default, out/ApprovalTools.</summary>
        public static string? Module { get; set; }

        /// <summary>The PowerShell the parts run in unless they name one (--pwsh); the tool by default.</summary>
        public static PwshBuild Build { get; set; } = PwshBuilds.Tool;

        public static List<JsonElement> Run(string scenario, Uri baseUri, string secret, TextWriter output, params string[] extra) =>
            Run(Build, scenario, baseUri, secret, output, extra);

        public static List<JsonElement> Run(PwshBuild build, string scenario, Uri baseUri, string secret, TextWriter output, params string[] extra)
        {
            var script = Path.Combine(RepositoryRoot, "bench", "pwsh", "Measure-Client.ps1");
            var module = Module == null ? Array.Empty<string>() : new[] { "-Module", Module };
            using var process = DotnetProcess.Start(new[] { build.Launcher, "-NoProfile", "-NonInteractive", "-File", script, "-Scenario", scenario, "-BaseUri", baseUri.ToString(), "-Secret", secret }.Concat(module).Concat(extra));
            var errors = process.StandardError.ReadToEndAsync();
            var results = new List<JsonElement>();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) != null)
            {
                if (line.StartsWith("RESULT ", StringComparison.Ordinal)) results.Add(JsonDocument.Parse(line.Substring(7)).RootElement.Clone());
                else if (line.Length > 0) output.WriteLine("  [pwsh] " + line);
            }
            process.WaitForExit();
            var stderr = errors.GetAwaiter().GetResult();
            if (process.ExitCode != 0 || stderr.Length > 0) output.WriteLine($"  [pwsh {scenario} exit {process.ExitCode}] {stderr.Trim()}");
            return results;
        }

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ApprovalTools.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("ApprovalTools.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
