using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ApprovalTools.HelpBuilder
{
    /// <summary>docs/help/*.md + the cmdlets compiled into an assembly -> the MAML text (one command per cmdlet, by name).</summary>
    public static class HelpGenerator
    {
        /// <summary>Where the MAML lives in the repository (staged to out/ApprovalTools/en-US/ by StageModule.targets).</summary>
        public static readonly string MamlRelativePath = Path.Combine("src", "ApprovalTools", "en-US", "ApprovalTools.dll-Help.xml");

        public static readonly string HelpRelativeDirectory = Path.Combine("docs", "help");

        /// <summary>The help files: every *.md in the folder except README.md (which describes the format).</summary>
        public static IReadOnlyList<HelpDocument> LoadHelp(string helpDirectory) =>
            Directory.GetFiles(helpDirectory, "*.md")
                .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(HelpDocument.Load)
                .ToList();

        /// <summary>Throws when a cmdlet has no help file (the tests name every gap; this only refuses to write a half file).</summary>
        public static string Generate(Assembly cmdletAssembly, string helpDirectory)
        {
            var help = LoadHelp(helpDirectory).ToDictionary(h => h.CommandName, StringComparer.OrdinalIgnoreCase);
            var pairs = new List<(CmdletModel, HelpDocument)>();
            foreach (var cmdlet in CmdletModel.FromAssembly(cmdletAssembly))
            {
                if (!help.TryGetValue(cmdlet.Name, out var doc)) throw new InvalidOperationException($"No help for {cmdlet.Name}: add {Path.Combine(helpDirectory, cmdlet.Name + ".md")}.");
                pairs.Add((cmdlet, doc));
            }
            return MamlWriter.Write(pairs);
        }

        public static string FindRepositoryRoot(string start)
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ApprovalTools.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("ApprovalTools.sln not found above " + start);
        }
    }
}
