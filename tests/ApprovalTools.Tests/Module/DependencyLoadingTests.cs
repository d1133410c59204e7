using System.Reflection;
using System.Runtime.Loader;
using ApprovalTools.Infrastructure;
using ApprovalTools.Infrastructure.Loading;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Module
{
    /// <summary>
    /// The module initializer's parts: the matching rule (pure), the load-once resolver, and the reflection bridge to
    /// a private AssemblyLoadContext, which these tests can exercise for real because they run on .NET.
    /// (The Windows PowerShell branch, AppDomain.AssemblyResolve + LoadFrom, shares the rule and the resolver.)
    /// </summary>
    public sealed class DependencyLoadingTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("approvaltools-deps-").FullName;

        public void Dispose()
        {
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private static string StagedDependency(string name) => Path.Combine(ModuleLayout.StagedDependencies, name + ".dll");

        private DependencyFolder FolderWith(params string[] names)
        {
            foreach (var name in names) File.Copy(StagedDependency(name), Path.Combine(_dir, name + ".dll"));
            return DependencyFolder.Scan(_dir);
        }

        private static AssemblyName Requested(string name, string? version = null, string? token = null)
        {
            var requested = new AssemblyName(name) { Version = version == null ? null : Version.Parse(version) };
            if (token != null) requested.SetPublicKeyToken(Convert.FromHexString(token));
            return requested;
        }

        [Fact]
        public void Answers_a_name_in_the_folder_with_a_version_at_least_the_requested_one()
        {
            var folder = FolderWith("Polly.Core");
            var actual = AssemblyName.GetAssemblyName(Path.Combine(_dir, "Polly.Core.dll")).Version!;

            Assert.Equal(Path.Combine(_dir, "Polly.Core.dll"), folder.Match(Requested("Polly.Core", actual.ToString())));
            Assert.NotNull(folder.Match(Requested("polly.core", "1.0.0.0")));
            Assert.NotNull(folder.Match(Requested("Polly.Core")));
            Assert.Null(folder.Match(Requested("Polly.Core", new Version(actual.Major + 1, 0, 0, 0).ToString())));
        }

        [Fact]
        public void Never_answers_for_names_not_in_the_folder_satellites_or_other_publishers()
        {
            var folder = FolderWith("System.Text.Json");

            Assert.Null(folder.Match(Requested("System.Text.Json.Extra")));
            Assert.Null(folder.Match(Requested("Polly.Core")));
            Assert.Null(folder.Match(new AssemblyName("System.Text.Json.resources, Culture=fr")));
            Assert.Null(folder.Match(new AssemblyName("System.Text.Json, Culture=fr")));
            Assert.Null(folder.Match(Requested("System.Text.Json", token: "0011223344556677")));
            Assert.NotNull(folder.Match(Requested("System.Text.Json", token: "cc7b13ffcd2ddd51")));
        }

        [Fact]
        public void Files_that_are_not_assemblies_are_skipped_and_the_name_comes_from_metadata()
        {
            File.WriteAllText(Path.Combine(_dir, "NotAnAssembly.dll"), "garbage");
            File.Copy(StagedDependency("Polly.Core"), Path.Combine(_dir, "renamed.dll"));
            var folder = DependencyFolder.Scan(_dir);

            Assert.Equal(new[] { "Polly.Core" }, folder.Names);
            Assert.Null(folder.Match(Requested("NotAnAssembly")));
            Assert.Equal(Path.Combine(_dir, "renamed.dll"), folder.Match(Requested("Polly.Core")));
            Assert.Empty(DependencyFolder.Scan(Path.Combine(_dir, "does-not-exist")).Names);
        }

        [Fact]
        public void Resolver_loads_each_file_once_and_never_for_unknown_names()
        {
            var loads = new List<string>();
            var resolver = new DependencyResolver(FolderWith("Polly.Core"), path => { loads.Add(path); return typeof(DependencyLoadingTests).Assembly; });

            var first = resolver.Resolve(Requested("Polly.Core"));
            var second = resolver.Resolve(Requested("POLLY.CORE", "8.0.0.0"));
            var unknown = resolver.Resolve(Requested("Something.Else"));

            Assert.Same(first, second);
            Assert.Null(unknown);
            Assert.Single(loads);
        }

        [Fact]
        public void Private_context_loads_a_second_copy_beside_the_default_one()
        {
            Assert.True(PrivateLoadContext.IsSupported);
            var context = PrivateLoadContext.Create("ApprovalTools.Tests.Private");
            FolderWith("Polly.Core");

            var loaded = context.LoadFromPath(Path.Combine(_dir, "Polly.Core.dll"));

            var alc = Assert.IsAssignableFrom<AssemblyLoadContext>(context.Context);
            Assert.Same(alc, AssemblyLoadContext.GetLoadContext(loaded));
            Assert.NotSame(AssemblyLoadContext.Default, alc);
            Assert.NotSame(typeof(Polly.ResiliencePipeline).Assembly, loaded);
        }

        [Fact]
        public void Private_context_defers_to_the_runtime_then_asks_the_folder()
        {
            // Microsoft.Bcl.TimeProvider is what Polly.Core (netstandard2.0) needs and .NET does not ship as a file.
            var folder = FolderWith("Microsoft.Bcl.TimeProvider", "System.Text.Json");
            var context = PrivateLoadContext.Create("ApprovalTools.Tests.Defer");
            var resolver = new DependencyResolver(folder, context.LoadFromPath);
            using var hook = context.HookResolving(resolver.Resolve);
            var alc = (AssemblyLoadContext)context.Context;

            var fromFolder = alc.LoadFromAssemblyName(new AssemblyName("Microsoft.Bcl.TimeProvider"));
            var fromRuntime = alc.LoadFromAssemblyName(new AssemblyName("System.Text.Json"));

            Assert.Same(alc, AssemblyLoadContext.GetLoadContext(fromFolder));
            Assert.Same(typeof(System.Text.Json.JsonSerializer).Assembly, fromRuntime);
        }

        [Fact]
        public void Install_answers_the_default_context_until_disposed()
        {
            File.Copy(StagedDependency("Microsoft.Bcl.TimeProvider"), Path.Combine(_dir, "Microsoft.Bcl.TimeProvider.dll"));
            var requested = new AssemblyName("Microsoft.Bcl.TimeProvider");
            DependencyResolver? resolver = null;
            Assembly? answered;

            using (ModuleInitializer.Install(_dir, ref resolver))
            {
                answered = resolver!.Resolve(requested);
                Assert.Same(answered, AssemblyLoadContext.Default.LoadFromAssemblyName(requested));
            }

            Assert.NotNull(answered);
            Assert.NotSame(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(answered));
            Assert.Equal(ModuleInitializer.LoadContextName, AssemblyLoadContext.GetLoadContext(answered)!.Name);
        }
    }
}
