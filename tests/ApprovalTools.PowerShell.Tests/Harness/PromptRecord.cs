namespace ApprovalTools.PowerShell.Tests.Harness;

/// <summary>One question the host was asked (ShouldProcess, ShouldContinue, Read-Host ...) and what it answered.</summary>
public sealed record PromptRecord(string Caption, string Message, IReadOnlyList<string> Choices, string? Answer);
