using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using ApprovalTools.Infrastructure.Loading;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Module
{
    /// <summary>
    /// The ReadyToRun twins a Release build stages (src/ApprovalTools.ReadyToRun) and the rule the loader applies to them
    /// (<see cref="ReadyToRunImages"/>): this runtime and platform only, and only while the IL is the one they came from.
    /// Which assemblies PowerShell then loads is tested in tests/Module.Tests.ps1.
    /// </summary>
    public sealed class ReadyToRunTests : IDisposable
    {
        private static readonly string[] Precompiled =
        {
            "ApprovalTools.Core.dll", "ApprovalTools.Sandbox.dll",
            "dependencies/Microsoft.Bcl.TimeProvider.dll", "dependencies/Polly.Core.dll", "dependencies/System.Threading.RateLimiting.dll",
        };

        private readonly string _dir = Directory.CreateTempSubdirectory("approvaltools-r2r-").FullName;

        public void Dispose()
        {
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private static string TwinFolder => Path.Combine(ModuleLayout.StagedModule, ReadyToRunImages.FolderName, ReadyToRunImages.CurrentFolderName()!);

        [Fact]
        public void The_folder_name_is_this_runtime_and_platform()
        {
            Assert.Equal($"net{Environment.Version.Major}.0-{RuntimeInformation.RuntimeIdentifier}", ReadyToRunImages.CurrentFolderName());
        }

#if DEBUG
        [Fact]
        public void A_debug_build_stages_no_twins()
        {
            Assert.False(Directory.Exists(Path.Combine(ModuleLayout.StagedModule, ReadyToRunImages.FolderName)));
        }
#else
        [Fact]
        public void A_release_build_stages_a_precompiled_twin_of_each_assembly_compiled_from_the_staged_IL()
        {
            var images = ReadyToRunImages.Find(ModuleLayout.StagedModule);
            Assert.Equal(Precompiled.OrderBy(p => p, StringComparer.Ordinal), images.Twins.Keys.OrderBy(p => p, StringComparer.Ordinal));
            foreach (var twin in images.Twins)
            {
                var il = Path.Combine(ModuleLayout.StagedModule, twin.Key);
                Assert.Equal(Path.Combine(TwinFolder, Path.GetFileName(twin.Key)), twin.Value);
                Assert.False(IsReadyToRun(il), il + " should be IL only");
                Assert.True(IsReadyToRun(twin.Value), twin.Value + " has no precompiled code");
                Assert.Equal(AssemblyName.GetAssemblyName(il).FullName, AssemblyName.GetAssemblyName(twin.Value).FullName);
                Assert.Equal(Mvid(il), Mvid(twin.Value));
            }
            Assert.Equal(new[] { ReadyToRunImages.SourcesFileName }.Concat(Precompiled.Select(Path.GetFileName)).OrderBy(n => n, StringComparer.Ordinal),
                Directory.GetFiles(TwinFolder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }
#endif

        [Fact]
        public void A_twin_is_not_used_once_its_IL_file_differs_from_the_one_it_was_compiled_from()
        {
            var folder = Path.Combine(_dir, ReadyToRunImages.FolderName, "net10.0-linux-x64");
            Directory.CreateDirectory(folder);
            Directory.CreateDirectory(Path.Combine(_dir, "dependencies"));
            File.WriteAllText(Path.Combine(_dir, "A.dll"), "the IL of A");
            File.WriteAllText(Path.Combine(_dir, "dependencies", "B.dll"), "the IL of B");
            File.WriteAllText(Path.Combine(folder, "A.dll"), "A precompiled");
            File.WriteAllText(Path.Combine(folder, "B.dll"), "B precompiled");
            File.WriteAllLines(Path.Combine(folder, ReadyToRunImages.SourcesFileName), new[]
            {
                Sha256(Path.Combine(_dir, "A.dll")) + "  A.dll",
                Sha256(Path.Combine(_dir, "dependencies", "B.dll")).ToUpperInvariant() + "  dependencies/B.dll",
                Sha256(Path.Combine(_dir, "A.dll")) + "  Missing.dll",
            });

            var images = ReadyToRunImages.Find(_dir, "net10.0-linux-x64");
            Assert.Equal(Path.Combine(folder, "A.dll"), images.TwinOf("A.dll"));
            Assert.Equal(Path.Combine(folder, "B.dll"), images.TwinOf("dependencies/B.dll"));
            Assert.Equal(2, images.Twins.Count);

            File.AppendAllText(Path.Combine(_dir, "A.dll"), " rebuilt");
            images = ReadyToRunImages.Find(_dir, "net10.0-linux-x64");
            Assert.Null(images.TwinOf("A.dll"));
            Assert.NotNull(images.TwinOf("dependencies/B.dll"));

            Assert.Empty(ReadyToRunImages.Find(_dir, "net8.0-linux-x64").Twins);
            Assert.Empty(ReadyToRunImages.Find(_dir, "net10.0-win-x64").Twins);
            File.Delete(Path.Combine(folder, ReadyToRunImages.SourcesFileName));
            Assert.Empty(ReadyToRunImages.Find(_dir, "net10.0-linux-x64").Twins);
        }

        [Fact]
        public void The_dependency_folder_answers_with_the_twin_under_the_IL_files_name()
        {
            var il = Path.Combine(ModuleLayout.StagedDependencies, "Polly.Core.dll");
            var twin = Path.Combine(_dir, "Polly.Core.dll");
            var folder = DependencyFolder.Scan(ModuleLayout.StagedDependencies, file => file == il ? twin : null);

            Assert.Equal(twin, folder.Match(AssemblyName.GetAssemblyName(il)));
            Assert.Equal(Path.Combine(ModuleLayout.StagedDependencies, "System.Text.Json.dll"), folder.Match(new AssemblyName("System.Text.Json")));
        }

        private static bool IsReadyToRun(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
        }

        private static Guid Mvid(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            return reader.GetGuid(reader.GetModuleDefinition().Mvid);
        }

        private static string Sha256(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
    }
}
