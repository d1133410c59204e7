using System;
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
    /// (<see cref="DependencyFolder.Match"/>). ApprovalTools.Core and .Sandbox stay next to this assembly: their
    /// types travel through the pipeline, and PowerShell does not see types of a private load context.
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
                _hook = Install(directory, ref _resolver);
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
        internal static IDisposable Install(string directory, ref DependencyResolver? resolver)
        {
            var folder = DependencyFolder.Scan(directory);
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
