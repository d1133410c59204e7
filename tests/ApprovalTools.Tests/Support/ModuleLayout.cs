using System.Reflection;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Tests.Support
{
    /// <summary>Where things are: the repository, the staged module folder, the compiled cmdlets.</summary>
    public static class ModuleLayout
    {
        public static string RepositoryRoot { get; } = FindRoot();

        /// <summary>out/ApprovalTools/: staged by src/ApprovalTools/build/StageModule.targets on every build.</summary>
        public static string StagedModule => Path.Combine(RepositoryRoot, "out", "ApprovalTools");

        public static string StagedDependencies => Path.Combine(StagedModule, "dependencies");

        public static string StagedManifestPath => Path.Combine(StagedModule, "ApprovalTools.psd1");

        public static string FormatFileSource => Path.Combine(RepositoryRoot, "src", "ApprovalTools", "ApprovalTools.format.ps1xml");

        /// <summary>The cmdlet assembly as compiled for this test run.</summary>
        public static Assembly ModuleAssembly => typeof(ApprovalCmdlet).Assembly;

        /// <summary>Our own assemblies (the only ones whose types may be pipeline types with views).</summary>
        public static IReadOnlyList<Assembly> OwnAssemblies => new[]
        {
            ModuleAssembly, typeof(ApprovalTools.Core.Http.ApiTransport).Assembly, typeof(ApprovalTools.Sandbox.Sandbox).Assembly,
        };

        /// <summary>Every public type carrying [Cmdlet] in ApprovalTools.dll, found by reflection.</summary>
        public static IReadOnlyList<Type> CmdletTypes =>
            ModuleAssembly.GetTypes()
                .Where(t => t.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute"))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .ToList();

        public static IReadOnlyList<CmdletSurface> Cmdlets => CmdletTypes.Select(t => new CmdletSurface(t)).ToList();

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
