using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ApprovalTools.Infrastructure;
using ApprovalTools.Infrastructure.Loading;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Module
{
    /// <summary>
    /// The module folder the build stages at out/ApprovalTools/ (src/ApprovalTools/build/StageModule.targets):
    /// manifest against the compiled cmdlets, every named file present, cmdlet help in en-US/, dependency layout and closure.
    /// </summary>
    public sealed class StagedModuleTests
    {
        private static readonly ManifestReader Manifest = ManifestReader.Load(ModuleLayout.StagedManifestPath);

        private static readonly string[] RequiredDependencies =
            { "System.Text.Json", "Polly.Core", "System.Threading.RateLimiting", "Microsoft.Bcl.AsyncInterfaces" };

        /// <summary>CmdletsToExport (the 11 cmdlets) against what ApprovalTools.dll actually contains.</summary>
        [Fact]
        public void Manifest_exports_exactly_the_compiled_cmdlets()
        {
            var exported = Manifest.List("CmdletsToExport")!.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var compiled = ModuleLayout.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

            var notCompiled = exported.Except(compiled).OrderBy(n => n).ToList();
            var notExported = compiled.Except(exported).OrderBy(n => n).ToList();
            Assert.True(notCompiled.Count == 0 && notExported.Count == 0,
                $"CmdletsToExport in ApprovalTools.psd1 differs from the cmdlets in ApprovalTools.dll.\n" +
                $"  exported but not compiled: {string.Join(", ", notCompiled)}\n  compiled but not exported: {string.Join(", ", notExported)}");
        }

        [Fact]
        public void Manifest_exports_no_wildcards_functions_aliases_or_variables()
        {
            Assert.DoesNotContain(Manifest.List("CmdletsToExport")!, n => n.Contains('*'));
            Assert.Empty(Manifest.List("FunctionsToExport")!);
            Assert.Empty(Manifest.List("AliasesToExport")!);
            Assert.Empty(Manifest.List("VariablesToExport")!);
            Assert.False(Manifest.Has("RequiredAssemblies"), "dependencies are resolved by ModuleInitializer, not RequiredAssemblies");
            Assert.Equal(new[] { "ApprovalTools.Loader.dll" }, Manifest.List("NestedModules"));
        }

        [Fact]
        public void Manifest_declares_both_editions_and_the_binary_root_module()
        {
            Assert.Equal("ApprovalTools.dll", Manifest.String("RootModule"));
            Assert.Equal(new[] { "Desktop", "Core" }, Manifest.List("CompatiblePSEditions"));
            Assert.Equal("5.1", Manifest.String("PowerShellVersion"));
            Assert.Equal(new[] { "ApprovalTools.format.ps1xml" }, Manifest.List("FormatsToProcess"));
            Assert.True(Guid.TryParse(Manifest.String("GUID"), out _));
            var tags = Manifest.List("Tags")!;
            Assert.Contains("PSEdition_Core", tags);
            Assert.Contains("PSEdition_Desktop", tags);
            Assert.DoesNotContain(tags, t => t.Contains(' '));
        }

        [Fact]
        public void Manifest_version_is_stamped_from_Directory_Build_props()
        {
            var text = File.ReadAllText(ModuleLayout.StagedManifestPath);
            Assert.DoesNotContain("{{", text);
            var stamped = Version.Parse(Manifest.String("ModuleVersion")!);
            var assembly = AssemblyName.GetAssemblyName(Path.Combine(ModuleLayout.StagedModule, "ApprovalTools.dll")).Version!;
            Assert.Equal(new Version(assembly.Major, assembly.Minor, assembly.Build), stamped);

            var props = File.ReadAllText(Path.Combine(ModuleLayout.RepositoryRoot, "Directory.Build.props"));
            Assert.Contains($"<ModuleVersion>{stamped}</ModuleVersion>", props);
            Assert.Contains("'{{ModuleVersion}}'", File.ReadAllText(Path.Combine(ModuleLayout.RepositoryRoot, "ApprovalTools.psd1")));
        }

        [Fact]
        public void Every_file_the_manifest_names_is_staged()
        {
            var named = new List<string> { Manifest.String("RootModule")! };
            foreach (var key in new[] { "NestedModules", "FormatsToProcess", "TypesToProcess", "ScriptsToProcess", "FileList" })
                named.AddRange(Manifest.List(key) ?? Array.Empty<string>());
            NoneMissing(named.Where(f => !File.Exists(Path.Combine(ModuleLayout.StagedModule, f))));
        }

        [Fact]
        public void Staged_module_holds_the_assemblies_this_build_produced()
        {
            foreach (var assembly in ModuleLayout.OwnAssemblies.Append(typeof(ModuleInitializer).Assembly))
            {
                var staged = Path.Combine(ModuleLayout.StagedModule, Path.GetFileName(assembly.Location));
                Assert.True(File.Exists(staged), staged + " is missing");
                Assert.True(File.ReadAllBytes(assembly.Location).AsSpan().SequenceEqual(File.ReadAllBytes(staged)),
                    staged + " is not the assembly the tests were built against (stale staging?)");
            }
            Assert.Equal(File.ReadAllText(ModuleLayout.FormatFileSource), File.ReadAllText(Path.Combine(ModuleLayout.StagedModule, "ApprovalTools.format.ps1xml")));
        }

        /// <summary>Get-Help reads cmdlet help from &lt;module&gt;/en-US/&lt;dll file name&gt;-Help.xml: the committed MAML, copied as is.</summary>
        [Fact]
        public void Cmdlet_help_is_staged_in_en_US_next_to_the_dll()
        {
            var staged = Path.Combine(ModuleLayout.StagedModule, "en-US", Path.GetFileName(ModuleLayout.ModuleAssembly.Location) + "-Help.xml");
            Assert.True(File.Exists(staged), staged + " is missing");
            Assert.Equal(File.ReadAllText(ModuleLayout.HelpFileSource), File.ReadAllText(staged));
            var folders = Directory.GetDirectories(ModuleLayout.StagedModule).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal);
#if DEBUG
            Assert.Equal(new[] { "dependencies", "en-US" }, folders);
#else
            Assert.Equal(new[] { "ReadyToRun", "dependencies", "en-US" }, folders);
#endif
            Assert.Equal(new[] { "about_ApprovalTools.help.txt", "ApprovalTools.dll-Help.xml" },
                Directory.GetFiles(Path.Combine(ModuleLayout.StagedModule, "en-US")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
        }

        [Fact]
        public void Only_our_assemblies_sit_at_the_root_and_third_party_ones_in_dependencies()
        {
            var root = Directory.GetFiles(ModuleLayout.StagedModule, "*.dll").Select(Path.GetFileName).OrderBy(n => n).ToList();
            Assert.Equal(new[] { "ApprovalTools.Core.dll", "ApprovalTools.dll", "ApprovalTools.Loader.dll", "ApprovalTools.Sandbox.dll" }, root);

            var dependencies = Directory.GetFiles(ModuleLayout.StagedDependencies, "*.dll").Select(Path.GetFileNameWithoutExtension).ToList();
            NoneMissing(RequiredDependencies.Where(d => !dependencies.Contains(d)));
            Assert.DoesNotContain(dependencies, d => d!.StartsWith("ApprovalTools", StringComparison.Ordinal));
        }

        [Fact]
        public void System_Management_Automation_is_never_staged()
        {
            Assert.Empty(Directory.GetFiles(ModuleLayout.StagedModule, "System.Management.Automation*.dll", SearchOption.AllDirectories));
        }

        /// <summary>
        /// Every reference of every staged assembly is either staged itself (root, or dependencies/ with a version the
        /// module initializer's rule accepts) or provided by the host (netstandard facade, PowerShell itself).
        /// </summary>
        [Fact]
        public void Every_reference_resolves_inside_the_staged_module()
        {
            var rootNames = Directory.GetFiles(ModuleLayout.StagedModule, "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var folder = DependencyFolder.Scan(ModuleLayout.StagedDependencies);
            var hostProvided = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "netstandard", "mscorlib", "System.Management.Automation" };
            var unresolved = new List<string>();

            foreach (var file in Directory.GetFiles(ModuleLayout.StagedModule, "*.dll", SearchOption.AllDirectories))
            {
                foreach (var reference in References(file))
                {
                    if (hostProvided.Contains(reference.Name!) || rootNames.Contains(reference.Name!)) continue;
                    if (folder.Match(reference) == null) unresolved.Add($"{Path.GetFileName(file)} -> {reference}");
                }
            }
            NoneMissing(unresolved.Distinct());
        }

        private static IEnumerable<AssemblyName> References(string file)
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h).GetAssemblyName()).ToList();
        }

        private static void NoneMissing(IEnumerable<string> missing)
        {
            var list = missing.ToList();
            Assert.True(list.Count == 0, "Missing:\n  " + string.Join("\n  ", list));
        }
    }
}
