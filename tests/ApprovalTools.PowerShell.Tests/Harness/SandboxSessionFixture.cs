namespace ApprovalTools.PowerShell.Tests.Harness;

/// <summary>
/// A session with the helpers of <see cref="SessionScripts"/> defined and a private sandbox started, shared by the
/// tests of one class (each test uses ids of its own).
/// </summary>
public sealed class SandboxSessionFixture : IDisposable
{
    public SandboxSessionFixture()
    {
        Session = PowerShellSession.Start();
        Session.Run(SessionScripts.Helpers).AssertCompleted();
        Session.Run("Start-PrivateSandbox").AssertCompleted();
    }

    public PowerShellSession Session { get; }

    public void Dispose()
    {
        Session.Run("$sandbox.Dispose()");
        Session.Dispose();
    }
}
