using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using ApprovalTools.Infrastructure.Loading;

namespace ApprovalTools.Infrastructure
{
    /// <summary>
    /// Makes the third-party assemblies in the module's <c>dependencies/</c> folder resolvable when the module is
    /// imported, without listing them in the manifest:
    /// <list type="bullet">
    /// <item>PowerShell 7: <c>AssemblyLoadContext.Default.Resolving</c> loads them into one private load context, so
    /// they do not collide with another module's copies loaded in the default context. Names the runtime already
    /// provides (System.Text.Json on PowerShell 7.4+, System.Memory...) keep resolving to the runtime's copy.</item>
    /// <item>Windows PowerShell 5.1: <c>AppDomain.AssemblyResolve</c> + <c>Assembly.LoadFrom</c>.</item>
    /// </list>
    /// Only names present in the folder with a version at least the one requested are answered
    /// (<see cref="DependencyFolder.Match"/>). ApprovalTools.Core and .Sandbox stay next to this assembly, in the
    /// default context: their types travel through the pipeline, and PowerShell does not see types of a private one.
    /// This is the nested module's initializer: PowerShell runs it before it loads the root module ApprovalTools.dll,
    /// whose cmdlet types already need ApprovalTools.Core when PowerShell enumerates them.
    /// On PowerShell 7, where the module folder has verified ReadyToRun twins for this runtime and platform
    /// (<see cref="ReadyToRunImages"/>), those are loaded instead of the IL: Core and Sandbox into the default context
    /// before anything asks for them, the third-party ones through the same resolver. The first call then runs
    /// precompiled code instead of compiling it.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string DependencyFolderName = "dependencies";
        internal const string LoadContextName = "ApprovalTools.Dependencies";

        private static readonly object Gate = new object();
        private static DependencyResolver? _resolver;
        private static IDisposable? _hook;

        public void OnImport()
        {
            lock (Gate)
            {
                if (_hook != null) return;
                var root = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location);
                if (string.IsNullOrEmpty(root)) return;
                var directory = Path.Combine(root, DependencyFolderName);
                if (!Directory.Exists(directory)) return;
                var images = PrivateLoadContext.IsSupported ? ReadyToRunImages.Find(root!) : ReadyToRunImages.None;
                PreloadOwnTwins(images);
                _hook = Install(directory, ref _resolver, images);
            }
        }

        /// <summary>
        /// Loads the twins of our root assemblies into the default context unless an assembly of that name is loaded
        /// already (a re-import, or the IL was asked for first): the IL's later requests by name then bind to them.
        /// A twin the runtime refuses leaves the IL to load as before.
        /// </summary>
        private static void PreloadOwnTwins(ReadyToRunImages images)
        {
            if (images.Twins.Count == 0) return;
            var loaded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()) loaded.Add(assembly.GetName().Name ?? string.Empty);
            foreach (var twin in images.Twins)
            {
                if (twin.Key.IndexOf('/') >= 0 || loaded.Contains(Path.GetFileNameWithoutExtension(twin.Key))) continue;
                try
                {
                    PrivateLoadContext.LoadIntoDefault(twin.Value);
                }
                catch (Exception ex) when (ex is BadImageFormatException || ex is FileLoadException || ex is IOException)
                {
                    // the IL stays
                }
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                _hook?.Dispose();
                _hook = null;
            }
        }

        /// <summary>
        /// Hooks the runtime's resolve event for <paramref name="directory"/>. The resolver (and with it the private
        /// load context) is created once per process and reused by a later re-import, so an assembly is never
        /// loaded twice. Dispose the result to unhook.
        /// </summary>
        internal static IDisposable Install(string directory, ref DependencyResolver? resolver, ReadyToRunImages? images = null)
        {
            var twins = images ?? ReadyToRunImages.None;
            var folder = DependencyFolder.Scan(directory, file => twins.TwinOf(DependencyFolderName + "/" + Path.GetFileName(file)));
            if (PrivateLoadContext.IsSupported)
            {
                if (resolver == null)
                {
                    var context = PrivateLoadContext.Create(LoadContextName);
                    resolver = new DependencyResolver(folder, context.LoadFromPath);
                    // Requests made by the dependencies themselves (Polly.Core -> Microsoft.Bcl.TimeProvider) reach the
                    // private context first; it defers to the default context, then asks us.
                    context.HookResolving(resolver.Resolve);
                }
                return PrivateLoadContext.HookDefaultResolving(resolver.Resolve);
            }

            resolver ??= new DependencyResolver(folder, Assembly.LoadFrom);
            var captured = resolver;
            ResolveEventHandler handler = (sender, args) => captured.Resolve(new AssemblyName(args.Name));
            AppDomain.CurrentDomain.AssemblyResolve += handler;
            return new Unhook(() => AppDomain.CurrentDomain.AssemblyResolve -= handler);
        }
    }
}
