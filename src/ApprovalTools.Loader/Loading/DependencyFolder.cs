using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ApprovalTools.Infrastructure.Loading
{
    /// <summary>
    /// The assemblies shipped in the module's <c>dependencies/</c> folder, by assembly name, and the one rule for
    /// answering a load request from them: same simple name (case-insensitive), neutral culture, same public key
    /// token when the request has one, and a version at least the one requested. Everything else is left to the
    /// runtime. Pure: no loading, no events (see <see cref="DependencyResolver"/> for that).
    /// </summary>
    internal sealed class DependencyFolder
    {
        private readonly Dictionary<string, Candidate> _byName = new Dictionary<string, Candidate>(StringComparer.OrdinalIgnoreCase);

        internal DependencyFolder(IEnumerable<KeyValuePair<AssemblyName, string>> assemblies)
        {
            foreach (var pair in assemblies)
            {
                if (string.IsNullOrEmpty(pair.Key.Name)) continue;
                // Two files with one name: keep the higher version (the folder is built from a single restore, so
                // this is defensive only).
                if (_byName.TryGetValue(pair.Key.Name!, out var existing) && (existing.Name.Version ?? new Version()) >= (pair.Key.Version ?? new Version())) continue;
                _byName[pair.Key.Name!] = new Candidate(pair.Key, pair.Value);
            }
        }

        /// <summary>Names of the assemblies found, for diagnostics.</summary>
        public IReadOnlyCollection<string> Names => _byName.Keys.ToList();

        /// <summary>
        /// Reads the assembly names of every *.dll in <paramref name="directory"/> without loading them. A file for which
        /// <paramref name="loadFrom"/> names another path (its verified ReadyToRun twin) is answered with that path.
        /// </summary>
        public static DependencyFolder Scan(string directory, Func<string, string?>? loadFrom = null)
        {
            var found = new List<KeyValuePair<AssemblyName, string>>();
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.GetFiles(directory, "*.dll"))
                {
                    try
                    {
                        found.Add(new KeyValuePair<AssemblyName, string>(AssemblyName.GetAssemblyName(file), loadFrom?.Invoke(file) ?? file));
                    }
                    catch (BadImageFormatException)
                    {
                        // not a managed assembly: never offered
                    }
                    catch (FileLoadException)
                    {
                    }
                }
            }
            return new DependencyFolder(found);
        }

        /// <summary>The file to load for <paramref name="requested"/>, or null when the folder should not answer.</summary>
        public string? Match(AssemblyName requested)
        {
            if (string.IsNullOrEmpty(requested.Name)) return null;
            if (requested.CultureInfo != null && !Equals(requested.CultureInfo, CultureInfo.InvariantCulture)) return null;
            if (!_byName.TryGetValue(requested.Name!, out var candidate)) return null;
            if (requested.Version != null && (candidate.Name.Version ?? new Version()) < requested.Version) return null;

            var wantedToken = requested.GetPublicKeyToken();
            if (wantedToken != null && wantedToken.Length > 0)
            {
                var haveToken = candidate.Name.GetPublicKeyToken() ?? Array.Empty<byte>();
                if (!wantedToken.SequenceEqual(haveToken)) return null;
            }
            return candidate.Path;
        }

        private sealed class Candidate
        {
            public Candidate(AssemblyName name, string path)
            {
                Name = name;
                Path = path;
            }

            public AssemblyName Name { get; }

            public string Path { get; }
        }
    }
}
