using Xunit;

namespace ApprovalTools.PowerShell.Tests.Harness;

/// <summary>
/// The module keeps process-wide state (default connections, the embedded sandbox), as it does in pwsh: the
/// runspace tests run one after another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PowerShellCollection
{
    public const string Name = "PowerShell runspaces";
}
