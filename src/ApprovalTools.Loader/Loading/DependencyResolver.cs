using System;
using System.Collections.Generic;
using System.Reflection;

namespace ApprovalTools.Infrastructure.Loading
{
    /// <summary>
    /// Answers assembly-resolve events from a <see cref="DependencyFolder"/>: each file is loaded once (through
    /// the given loader: a private load context on PowerShell 7, LoadFrom on Windows PowerShell) and the same
    /// assembly is returned to every later request for it.
    /// </summary>
    internal sealed class DependencyResolver
    {
        private readonly DependencyFolder _folder;
        private readonly Func<string, Assembly> _load;
        private readonly Dictionary<string, Assembly> _loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        public DependencyResolver(DependencyFolder folder, Func<string, Assembly> load)
        {
            _folder = folder;
            _load = load;
        }

        public Assembly? Resolve(AssemblyName requested)
        {
            var path = _folder.Match(requested);
            if (path == null) return null;
            lock (_loaded)
            {
                if (!_loaded.TryGetValue(path, out var assembly))
                {
                    assembly = _load(path);
                    _loaded[path] = assembly;
                }
                return assembly;
            }
        }
    }
}
