using System.Globalization;
using System.Management.Automation.Host;

namespace ApprovalTools.PowerShell.Tests.Harness;

/// <summary>The PSHost of a test runspace: its UI records and answers (<see cref="TestHostUserInterface"/>).</summary>
public sealed class TestHost : PSHost
{
    private readonly Guid _id = Guid.NewGuid();

    public TestHost(HostMode mode) => TestUI = new TestHostUserInterface(mode);

    public TestHostUserInterface TestUI { get; }

    public override PSHostUserInterface UI => TestUI;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.GetCultureInfo("en-US");
    public override Guid InstanceId => _id;
    public override string Name => "ApprovalToolsTestHost";
    public override Version Version => new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}
