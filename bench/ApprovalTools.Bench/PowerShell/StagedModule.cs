using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ApprovalTools.Bench.PowerShell
{
    /// <summary>
    /// The module the pwsh benchmark imports is the one build.ps1 staged in out/ApprovalTools, which `dotnet run` of the
    /// bench does not rebuild: a stale folder would be measured silently as if it were the current code.
    /// </summary>
    internal static class StagedModule
    {
        private static readonly string[] Projects = { "ApprovalTools", "ApprovalTools.Core" };

        /// <summary>Why the staged module cannot be measured (missing, or built before its sources last changed); null when it can.</summary>
        public static string? Problem(string root)
        {
            var staged = Path.Combine(root, "out", "ApprovalTools");
            if (!File.Exists(Path.Combine(staged, "ApprovalTools.psd1"))) return "out/ApprovalTools is not staged";
            var built = Projects.Select(p => Path.Combine(staged, p + ".dll")).Select(f => File.Exists(f) ? File.GetLastWriteTimeUtc(f) : DateTime.MinValue).Min();
            var newest = Projects.SelectMany(p => Sources(Path.Combine(root, "src", p))).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
            if (newest == null || File.GetLastWriteTimeUtc(newest) <= built) return null;
            return $"out/ApprovalTools was built before {Path.GetRelativePath(root, newest)} last changed";
        }

        private static IEnumerable<string> Sources(string project) =>
            Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar));
    }
}
