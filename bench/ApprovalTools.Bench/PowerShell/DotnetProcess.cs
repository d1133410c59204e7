using System.Diagnostics;

namespace ApprovalTools.Bench.PowerShell
{
    /// <summary>`dotnet args` started in the repository root with both output streams redirected.</summary>
    internal static class DotnetProcess
    {
        public static Process Start(IEnumerable<string> args)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = PwshChild.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            return Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet " + string.Join(" ", args.Take(1)));
        }
    }
}
