using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ApprovalTools.PowerShell.Tests.Harness;

/// <summary>
/// Records everything written to the host (What if: lines, Write-Host, stream text the engine prints) and answers
/// questions from a queue of labels ("Yes", "Yes to All", "No", "No to All"). An unanswered question fails the test
/// run loudly instead of hanging. In <see cref="HostMode.NonInteractive"/> every read fails with the console
/// host's own exception and message.
/// </summary>
public sealed class TestHostUserInterface : PSHostUserInterface
{
    // The text pwsh -NonInteractive gives (ConsoleHostUserInterfaceStrings.ReadFailsOnNonInteractiveFlag).
    public const string NonInteractiveMessage =
        "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.";

    private readonly object _gate = new();
    private readonly Queue<string> _answers = new();
    private readonly List<string> _lines = new();
    private readonly List<PromptRecord> _prompts = new();
    private readonly TestRawUserInterface _raw = new();

    public TestHostUserInterface(HostMode mode) => Mode = mode;

    public HostMode Mode { get; }

    public override PSHostRawUserInterface RawUI => _raw;

    public IReadOnlyList<string> Lines { get { lock (_gate) return _lines.ToList(); } }

    public IReadOnlyList<PromptRecord> Prompts { get { lock (_gate) return _prompts.ToList(); } }

    public void Answer(params string[] labels)
    {
        lock (_gate) foreach (var label in labels) _answers.Enqueue(label);
    }

    public void ClearAnswers()
    {
        lock (_gate) _answers.Clear();
    }

    public int UnusedAnswers { get { lock (_gate) return _answers.Count; } }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        FailIfNonInteractive();
        var labels = choices.Select(c => c.Label.Replace("&", string.Empty)).ToList();
        lock (_gate)
        {
            if (_answers.Count == 0)
            {
                _prompts.Add(new PromptRecord(caption, message, labels, null));
                throw new InvalidOperationException($"The test host was asked a question it has no answer for: {caption}: {message}");
            }
            var answer = _answers.Dequeue();
            var index = labels.FindIndex(l => string.Equals(l, answer, StringComparison.OrdinalIgnoreCase));
            if (index < 0) throw new InvalidOperationException($"No choice '{answer}' among {string.Join(", ", labels)} ({caption}: {message}).");
            _prompts.Add(new PromptRecord(caption, message, labels, labels[index]));
            return index;
        }
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        FailIfNonInteractive();
        lock (_gate) _prompts.Add(new PromptRecord(caption, message, descriptions.Select(d => d.Name).ToList(), null));
        throw new InvalidOperationException($"The test host does not fill in prompts: {caption}: {message}");
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw Unsupported(caption, message);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw Unsupported(caption, message);

    public override string ReadLine() => throw Unsupported("ReadLine", string.Empty);

    public override SecureString ReadLineAsSecureString() => throw Unsupported("ReadLineAsSecureString", string.Empty);

    public override void Write(string value) => Record(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Record(value);

    public override void WriteLine(string value) => Record(value);

    public override void WriteErrorLine(string value) => Record(value);

    public override void WriteDebugLine(string message) => Record("DEBUG: " + message);

    public override void WriteVerboseLine(string message) => Record("VERBOSE: " + message);

    public override void WriteWarningLine(string message) => Record("WARNING: " + message);

    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    private void Record(string value)
    {
        lock (_gate) _lines.Add(value);
    }

    private void FailIfNonInteractive()
    {
        if (Mode == HostMode.NonInteractive) throw new PSInvalidOperationException(NonInteractiveMessage);
    }

    private Exception Unsupported(string caption, string message)
    {
        FailIfNonInteractive();
        lock (_gate) _prompts.Add(new PromptRecord(caption, message, Array.Empty<string>(), null));
        return new InvalidOperationException($"The test host does not read input: {caption} {message}");
    }
}
