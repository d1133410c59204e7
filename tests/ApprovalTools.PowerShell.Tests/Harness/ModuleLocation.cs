namespace ApprovalTools.PowerShell.Tests.Harness;

/// <summary>Where the staged module is: out/ApprovalTools/ of the repository this test assembly was built from.</summary>
public static class ModuleLocation
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string StagedManifest => Path.Combine(RepositoryRoot, "out", "ApprovalTools", "ApprovalTools.psd1");

    public static string Examples => Path.Combine(RepositoryRoot, "examples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalTools.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ApprovalTools.sln above {AppContext.BaseDirectory}.");
    }
}
