using System.IO;

namespace ApprovalTools.Bench.PowerShell
{
    /// <summary>A PowerShell to run the bench script in: <paramref name="Launcher"/> is what follows `dotnet` to start it.</summary>
    internal sealed record PwshBuild(string Description, string Launcher);

    /// <summary>
    /// The two PowerShell 7.6.9 builds the bench can measure: the dotnet tool from the repository's manifest (what this
    /// project's scripts and CI run; IL only, so every PowerShell method it runs is compiled on first use) and a copy of
    /// the same assemblies precompiled with ReadyToRun, as PowerShell's official packages ship them
    /// (bench/PwshReadyToRun, built into out/bench/pwsh-readytorun on first use).
    /// </summary>
    internal static class PwshBuilds
    {
        public static PwshBuild Tool { get; } = new PwshBuild("the dotnet tool's pwsh (IL only)", "pwsh");

        /// <summary>The ReadyToRun copy of the tool's pwsh, built when missing or made from another $PSHOME; null (with the reason written) when it cannot be built.</summary>
        public static PwshBuild? ReadyToRun(TextWriter output) => _readyToRun ??= Precompile(output);

        private static PwshBuild? _readyToRun;

        private static PwshBuild? Precompile(TextWriter output)
        {
            var root = PwshChild.RepositoryRoot;
            var copy = Path.Combine(root, "out", "bench", "pwsh-readytorun");
            var home = Run(output, "pwsh", "-NoProfile", "-NonInteractive", "-Command", "$PSHOME")?.Trim();
            if (string.IsNullOrEmpty(home)) return null;
            var stamp = Path.Combine(copy, "readytorun-from.txt");
            if (!File.Exists(stamp) || File.ReadAllText(stamp).Trim() != home || !File.Exists(Path.Combine(copy, "pwsh.dll")))
            {
                output.WriteLine($"pwsh: precompiling the tool's PowerShell ({home}) into {Path.GetRelativePath(root, copy)} (once, about a minute)");
                var project = Path.Combine(root, "bench", "PwshReadyToRun", "PwshReadyToRun.csproj");
                if (Run(output, "publish", project, "-c", "Release", "-nologo", "-v", "quiet", "-p:PwshHome=" + home, "-p:PwshCopy=" + copy) == null) return null;
            }
            return new PwshBuild("the same pwsh precompiled (ReadyToRun), as its official packages ship", Path.Combine(copy, "pwsh.dll"));
        }

        /// <summary>Runs `dotnet args`; its standard output, or null (with what it said written) when it failed.</summary>
        private static string? Run(TextWriter output, params string[] args)
        {
            using var process = DotnetProcess.Start(args);
            var errors = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode == 0) return text;
            output.WriteLine($"pwsh: `dotnet {args[0]}` failed (exit {process.ExitCode}): {text.Trim()} {errors.GetAwaiter().GetResult().Trim()}");
            return null;
        }
    }
}
