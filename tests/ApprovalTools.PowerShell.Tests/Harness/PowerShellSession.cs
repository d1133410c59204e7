using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ApprovalTools.PowerShell.Tests.Harness;

/// <summary>
/// One real PowerShell 7 runspace with the staged module imported and a <see cref="TestHost"/> that records every
/// stream and answers questions. Scripts run in the global scope, so variables persist between runs of one session.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    private PowerShellSession(HostMode mode)
    {
        Host = new TestHost(mode);
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(Host, state);
        _runspace.Open();
    }

    public TestHost Host { get; }

    public TestHostUserInterface UI => Host.TestUI;

    /// <summary>Opens a runspace and imports out/ApprovalTools/ApprovalTools.psd1 (run `dotnet build` first).</summary>
    public static PowerShellSession Start(HostMode mode = HostMode.Interactive)
    {
        if (!File.Exists(ModuleLocation.StagedManifest))
            throw new InvalidOperationException($"The module is not staged: {ModuleLocation.StagedManifest} is missing; run dotnet build.");
        var session = new PowerShellSession(mode);
        session.Run("Import-Module -Name $args[0] -ErrorAction Stop", ModuleLocation.StagedManifest).AssertCompleted();
        return session;
    }

    /// <summary>Runs <paramref name="script"/> to its end; <c>$args</c> holds <paramref name="arguments"/>.</summary>
    public RunResult Run(string script, params object?[] arguments)
    {
        using var run = Begin(script, arguments);
        return run.Wait(TimeSpan.FromMinutes(2));
    }

    /// <summary>Sets a global variable of the session (a way to hand objects to scripts).</summary>
    public void Set(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Starts <paramref name="script"/> without waiting, for tests that stop it midway.</summary>
    public PendingRun Begin(string script, params object?[] arguments)
    {
        var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script, useLocalScope: false);
        foreach (var argument in arguments) shell.AddArgument(argument);
        return new PendingRun(shell, UI);
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>A script run in progress: watch its output as it comes, stop it (Ctrl+C), collect its result.</summary>
public sealed class PendingRun : IDisposable
{
    private readonly System.Management.Automation.PowerShell _shell;
    private readonly TestHostUserInterface _ui;
    private readonly int _linesBefore;
    private readonly int _promptsBefore;
    private readonly PSDataCollection<PSObject> _output = new();
    private readonly IAsyncResult _pending;

    internal PendingRun(System.Management.Automation.PowerShell shell, TestHostUserInterface ui)
    {
        _shell = shell;
        _ui = ui;
        _linesBefore = ui.Lines.Count;
        _promptsBefore = ui.Prompts.Count;
        _pending = shell.BeginInvoke<PSObject, PSObject>(null, _output);
    }

    public int OutputCount => _output.Count;

    /// <summary>
    /// The host lines written since the run began, read now: a cmdlet's Dispose may write after the run reported its
    /// end (PowerShell disposes the commands of a stopped pipeline on its own schedule), so those are read live.
    /// </summary>
    public IReadOnlyList<string> HostLinesSoFar => _ui.Lines.Skip(_linesBefore).ToList();

    public PSDataStreams Streams => _shell.Streams;

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false when the run ended or time ran out first.</summary>
    public bool WaitUntil(Func<PendingRun, bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition(this)) return true;
            if (_pending.IsCompleted) return condition(this);
            Thread.Sleep(10);
        }
        return false;
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds, also after the run ended: for writes that come late.</summary>
    public bool WaitForLateWrite(Func<PendingRun, bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (clock.Elapsed >= limit) return false;
            Thread.Sleep(10);
        }
        return true;
    }

    /// <summary>What Ctrl+C does: stops the pipeline; returns how long the stop took to come back.</summary>
    public TimeSpan Stop()
    {
        var clock = Stopwatch.StartNew();
        _shell.Stop();
        return clock.Elapsed;
    }

    public RunResult Wait(TimeSpan limit)
    {
        if (!_pending.AsyncWaitHandle.WaitOne(limit))
        {
            _shell.Stop();
            throw new TimeoutException($"The script did not end within {limit}; it was stopped.");
        }
        Exception? terminating = null;
        try { _shell.EndInvoke(_pending); }
        catch (Exception e) when (e is RuntimeException or PipelineStoppedException) { terminating = e; }
        return new RunResult
        {
            Output = _output.ToList(),
            Errors = _shell.Streams.Error.ToList(),
            Warnings = _shell.Streams.Warning.ToList(),
            Verbose = _shell.Streams.Verbose.ToList(),
            Debug = _shell.Streams.Debug.ToList(),
            Information = _shell.Streams.Information.ToList(),
            Progress = _shell.Streams.Progress.ToList(),
            HostLines = _ui.Lines.Skip(_linesBefore).ToList(),
            Prompts = _ui.Prompts.Skip(_promptsBefore).ToList(),
            Terminating = terminating,
        };
    }

    public void Dispose() => _shell.Dispose();
}
