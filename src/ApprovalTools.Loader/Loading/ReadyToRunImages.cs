using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ApprovalTools.Infrastructure.Loading
{
    /// <summary>
    /// The precompiled (ReadyToRun) twins of the module's IL assemblies that this process may load instead of the IL:
    /// <c>ReadyToRun/&lt;tfm&gt;-&lt;rid&gt;/</c> in the module folder (written by a Release build,
    /// src/ApprovalTools.ReadyToRun), used only on that .NET major version and platform, and only for IL files whose
    /// SHA-256 still matches the one the twin was compiled from (<c>sources.sha256</c>), so an image left from another
    /// build is never loaded. Windows PowerShell, other runtimes and other platforms find no folder and use the IL.
    /// </summary>
    internal sealed class ReadyToRunImages
    {
        internal const string FolderName = "ReadyToRun";
        internal const string SourcesFileName = "sources.sha256";

        private readonly Dictionary<string, string> _twins;

        private ReadyToRunImages(Dictionary<string, string> twins) => _twins = twins;

        public static ReadyToRunImages None { get; } = new ReadyToRunImages(new Dictionary<string, string>());

        /// <summary>IL file (relative to the module folder, '/' separated) → its verified twin.</summary>
        public IReadOnlyDictionary<string, string> Twins => _twins;

        /// <summary>The twin to load instead of <paramref name="ilRelativePath"/>, or null to load the IL.</summary>
        public string? TwinOf(string ilRelativePath) => _twins.TryGetValue(ilRelativePath, out var twin) ? twin : null;

        /// <summary>"net10.0-linux-x64" for this process; null on .NET Framework or an OS/CPU the build has no name for.</summary>
        public static string? CurrentFolderName()
        {
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)) return null;
            string os;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) os = "win";
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) os = "linux";
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) os = "osx";
            else return null;
            var arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "x86",
                Architecture.Arm => "arm",
                _ => null,
            };
            return arch == null ? null : $"net{Environment.Version.Major}.0-{os}-{arch}";
        }

        /// <summary>The verified twins under <paramref name="moduleRoot"/> for <paramref name="folderName"/> (default: this process's).</summary>
        public static ReadyToRunImages Find(string moduleRoot, string? folderName = null)
        {
            folderName ??= CurrentFolderName();
            if (folderName == null) return None;
            var folder = Path.Combine(moduleRoot, FolderName, folderName);
            var sources = Path.Combine(folder, SourcesFileName);
            if (!File.Exists(sources)) return None;

            var twins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            using var sha = SHA256.Create();
            foreach (var line in File.ReadAllLines(sources))
            {
                // "<hex>  <relative path>", as sha256sum writes it
                var split = line.IndexOf("  ", StringComparison.Ordinal);
                if (split <= 0) continue;
                var hash = line.Substring(0, split);
                var relative = line.Substring(split + 2).Trim().Replace('\\', '/');
                var il = Path.Combine(moduleRoot, relative.Replace('/', Path.DirectorySeparatorChar));
                var twin = Path.Combine(folder, Path.GetFileName(relative));
                if (!File.Exists(il) || !File.Exists(twin)) continue;
                if (!string.Equals(Hex(sha, il), hash, StringComparison.OrdinalIgnoreCase)) continue;
                twins[relative] = twin;
            }
            return new ReadyToRunImages(twins);
        }

        private static string Hex(HashAlgorithm sha, string path)
        {
            using var stream = File.OpenRead(path);
            return BitConverter.ToString(sha.ComputeHash(stream)).Replace("-", string.Empty);
        }
    }
}
