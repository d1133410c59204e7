using System;
using System.Reflection;

namespace ApprovalTools.Infrastructure.Loading
{
    /// <summary>
    /// A private <c>AssemblyLoadContext</c> reached by reflection (netstandard2.0 has no ALC API; the type exists
    /// on .NET Core 3.0+, i.e. PowerShell 7, and not on .NET Framework). No subclass is needed: a plain instance
    /// defers to the default context first (so the runtime's own System.Memory, System.Text.Json... win and no
    /// second copy of a framework type appears) and only then raises its Resolving event, which we answer.
    /// </summary>
    internal sealed class PrivateLoadContext
    {
        private static readonly Type? ContextType =
            typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false);

        private readonly MethodInfo _loadFromPath;

        private PrivateLoadContext(object context)
        {
            Context = context;
            _loadFromPath = ContextType!.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })
                ?? throw new MissingMethodException(ContextType.FullName, "LoadFromAssemblyPath");
        }

        /// <summary>True on .NET Core 3.0+ (PowerShell 7), false on .NET Framework (Windows PowerShell).</summary>
        public static bool IsSupported => ContextType != null
            && ContextType.GetConstructor(new[] { typeof(string), typeof(bool) }) != null;

        /// <summary>The AssemblyLoadContext instance (typed object: this assembly cannot name the type).</summary>
        public object Context { get; }

        public static PrivateLoadContext Create(string name)
        {
            if (!IsSupported) throw new PlatformNotSupportedException("AssemblyLoadContext is not available on this runtime.");
            return new PrivateLoadContext(Activator.CreateInstance(ContextType!, name, false)!);
        }

        public Assembly LoadFromPath(string path)
        {
            try
            {
                return (Assembly)_loadFromPath.Invoke(Context, new object[] { path })!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw ex.InnerException;
            }
        }

        /// <summary>Loads <paramref name="path"/> into <c>AssemblyLoadContext.Default</c>, where PowerShell sees its types.</summary>
        public static Assembly LoadIntoDefault(string path)
        {
            if (!IsSupported) throw new PlatformNotSupportedException("AssemblyLoadContext is not available on this runtime.");
            return new PrivateLoadContext(DefaultContext()).LoadFromPath(path);
        }

        private static object DefaultContext() => ContextType!.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        /// <summary>Answers this context's Resolving event with <paramref name="resolve"/>; dispose to unhook.</summary>
        public IDisposable HookResolving(Func<AssemblyName, Assembly?> resolve) => Hook(Context, resolve);

        /// <summary>Answers <c>AssemblyLoadContext.Default.Resolving</c> with <paramref name="resolve"/>; dispose to unhook.</summary>
        public static IDisposable HookDefaultResolving(Func<AssemblyName, Assembly?> resolve)
        {
            if (!IsSupported) throw new PlatformNotSupportedException("AssemblyLoadContext is not available on this runtime.");
            return Hook(DefaultContext(), resolve);
        }

        private static IDisposable Hook(object context, Func<AssemblyName, Assembly?> resolve)
        {
            var resolving = ContextType!.GetEvent("Resolving") ?? throw new MissingMemberException(ContextType.FullName, "Resolving");
            // Func<AssemblyLoadContext, AssemblyName, Assembly?> bound to Adapter.Invoke(object, AssemblyName):
            // delegate parameter types may be more specific than the method's.
            var adapter = new Adapter(resolve);
            var handler = Delegate.CreateDelegate(resolving.EventHandlerType!, adapter, typeof(Adapter).GetMethod(nameof(Adapter.Invoke))!);
            resolving.AddEventHandler(context, handler);
            return new Unhook(() => resolving.RemoveEventHandler(context, handler));
        }

        private sealed class Adapter
        {
            private readonly Func<AssemblyName, Assembly?> _resolve;

            public Adapter(Func<AssemblyName, Assembly?> resolve) => _resolve = resolve;

            public Assembly? Invoke(object context, AssemblyName name) => _resolve(name);
        }
    }

    internal sealed class Unhook : IDisposable
    {
        private Action? _undo;

        public Unhook(Action undo) => _undo = undo;

        public void Dispose()
        {
            var undo = _undo;
            _undo = null;
            undo?.Invoke();
        }
    }
}
