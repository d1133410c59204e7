using System;
using System.Management.Automation;
using System.Threading;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet: owns the cancellation source that StopProcessing (Ctrl+C) trips and the sink that
    /// Core operations write through. Subclasses bind parameters and call Core; nothing else.
    /// </summary>
    public abstract class ApprovalCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private CmdletSink? _sink;

        protected CancellationToken Cancellation => _stop.Token;

        internal CmdletSink Sink => _sink ??= new CmdletSink(this, SkipSecondQuestion, _stop.Token);

        /// <summary>True when -Force was given or -Confirm:$false: destructive work then runs without the extra question.</summary>
        protected virtual bool SkipSecondQuestion()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Force", out var force) && force is SwitchParameter f && f.IsPresent) return true;
            return MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter c && !c.IsPresent;
        }

        protected override void StopProcessing()
        {
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Ctrl+C after the command finished: nothing is running any more.
            }
        }

        /// <summary>
        /// PowerShell disposes a cmdlet when its pipeline ends, stopped or not; the stop source (whose wait handle Core
        /// may use) goes with it. Ctrl+C that landed while another command of the pipeline ran (the one feeding this
        /// one, say) never reached <see cref="Run"/>, yet requests this command started may be in flight: say so here.
        /// </summary>
        public void Dispose()
        {
            // Stopping is set before PowerShell calls StopProcessing on each command, and the pipeline thread may
            // dispose this one in between: the stop counts from the flag, and what is in flight is cancelled here.
            if (_stop.IsCancellationRequested || Stopping)
            {
                ReportStop();
                _stop.Cancel();
            }
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>The running operation, when it can say after Ctrl+C what it sent without reporting.</summary>
        protected IStopReport? StopReport { get; set; }

        /// <summary>
        /// Runs Core work; a cancellation caused by Ctrl+C ends quietly after saying what was sent and not reported, an
        /// unusable setup ends the command.
        /// </summary>
        protected void Run(Action work)
        {
            try
            {
                work();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                ReportStop();
            }
            catch (PipelineStoppedException) when (_stop.IsCancellationRequested)
            {
                ReportStop();
                throw;
            }
            catch (ApiException ex) when (FailurePolicy.EndsRun(ex))
            {
                ThrowTerminatingError(ErrorRecords.From(ex, null));
            }
        }

        /// <summary>
        /// A stopped pipeline accepts no more records, so the report goes to the host as a warning line: the operator
        /// who pressed Ctrl+C sees which requests the server may still act on.
        /// </summary>
        private void ReportStop()
        {
            var text = StopReport?.DescribeUnreported();
            if (text == null) return;
            StopReport = null;                     // once per run
            try { Host.UI.WriteWarningLine(text); }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is NotImplementedException || ex is System.IO.IOException) { }
        }

        /// <summary>
        /// -Connection if given, else the service's current connection; without either, or when it was closed, the command
        /// ends (NotConnected / ConnectionClosed), since nothing can be sent. Confirmation targets then name its tenant.
        /// </summary>
        internal T RequireConnection<T>(T? given) where T : ServiceConnection
        {
            var connection = given ?? DefaultConnections.Get<T>();
            var service = ServiceCommands.For(typeof(T));
            if (connection == null)
            {
                Terminate(ConnectionErrors.NotConnected, ErrorKind.InvalidOperation,
                    $"Not connected to {service.Name}: run {service.Connect} first (or {service.Connect} -Sandbox), or pass -Connection.");
            }
            if (!connection!.IsOpen)
            {
                Terminate(ConnectionErrors.ConnectionClosed, ErrorKind.InvalidOperation,
                    $"The connection to {connection.Tenant} was closed (by {service.Disconnect} or a later {service.Connect}): connect again, or pass an open -Connection.",
                    connection);
            }
            Sink.Tenant = connection.Tenant;
            return connection;
        }

        /// <summary>
        /// Connect-*: makes the connection (checking it where the service allows), makes it the service's current one
        /// (closing the one it replaces) and writes it. Unusable options, refused credentials and an unreachable host end the command.
        /// </summary>
        internal void Connect<T>(ConnectionOptions<T> options) where T : ServiceConnection
        {
            T connection;
            try
            {
                connection = Connector.ConnectAsync(options, Cancellation).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (ConnectionSetupException ex)
            {
                Terminate(ex.ErrorId, ex.Kind, ex.Message, ex.Setting);
                return;
            }
            catch (ApiException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, options.BaseUri));
                return;
            }
            DefaultConnections.Set(connection);
            WriteObject(connection);
        }

        /// <summary>Reads connection options (the environment may hold an unusable value); a <see cref="ConnectionSetupException"/> ends the command.</summary>
        internal T Read<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (ConnectionSetupException ex)
            {
                Terminate(ex.ErrorId, ex.Kind, ex.Message, ex.Setting);
                throw;
            }
        }

        /// <summary>Ends the command for a problem that is not about one input item (no connection, bad credentials).</summary>
        protected void Terminate(string errorId, ErrorKind kind, string message, object? target = null) =>
            ThrowTerminatingError(ErrorRecords.From(new OperationError(errorId, kind, message, target)));
    }
}
