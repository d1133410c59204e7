namespace ApprovalTools.PowerShell.Tests.Harness;

public enum HostMode
{
    /// <summary>A person at a prompt: questions are answered from the session's queue of answers.</summary>
    Interactive,

    /// <summary>Like <c>pwsh -NonInteractive</c>: every question fails the way the console host fails it.</summary>
    NonInteractive,
}
