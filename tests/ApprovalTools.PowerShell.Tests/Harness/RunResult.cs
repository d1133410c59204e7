using System.Management.Automation;

namespace ApprovalTools.PowerShell.Tests.Harness;

/// <summary>Everything one script run produced, stream by stream, plus what reached the host.</summary>
public sealed class RunResult
{
    public required IReadOnlyList<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<WarningRecord> Warnings { get; init; }
    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }
    public required IReadOnlyList<DebugRecord> Debug { get; init; }
    public required IReadOnlyList<InformationRecord> Information { get; init; }
    public required IReadOnlyList<ProgressRecord> Progress { get; init; }

    /// <summary>Lines written to the host UI during the run ("What if: ..." among them).</summary>
    public required IReadOnlyList<string> HostLines { get; init; }

    /// <summary>Questions asked during the run, with the answers given.</summary>
    public required IReadOnlyList<PromptRecord> Prompts { get; init; }

    /// <summary>The error that ended the run, if one did (a throw, -ErrorAction Stop, a stop).</summary>
    public Exception? Terminating { get; init; }

    public bool Stopped => Terminating is PipelineStoppedException;

    /// <summary>Output base objects of type <typeparamref name="T"/> by their PowerShell-visible properties.</summary>
    public IEnumerable<PSObject> OfTypeName(string typeName) =>
        Output.Where(o => o.TypeNames.Any(t => t.EndsWith(typeName, StringComparison.Ordinal)));

    /// <summary>Fails with every stream's text when the run ended with a terminating error.</summary>
    public RunResult AssertCompleted()
    {
        if (Terminating != null) throw new Xunit.Sdk.XunitException($"The script ended with {Terminating.GetType().Name}: {Terminating.Message}\n{Describe()}");
        return this;
    }

    /// <summary>All that the run wrote, for failure messages.</summary>
    public string Describe() => string.Join("\n", new[]
    {
        $"output ({Output.Count}): {string.Join(" | ", Output.Take(10))}",
        $"errors ({Errors.Count}): {string.Join(" | ", Errors.Take(10).Select(e => $"[{e.FullyQualifiedErrorId}] {e}"))}",
        $"warnings: {string.Join(" | ", Warnings.Take(10))}",
        $"host: {string.Join(" | ", HostLines.Take(10))}",
    });
}
