using System;
using System.Management.Automation;
using System.Threading;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Infrastructure
{
    /// <summary>The operation sink over a running cmdlet: one line of forwarding per member.</summary>
    internal sealed class CmdletSink : IOperationSink
    {
        private readonly PSCmdlet _cmdlet;
        private readonly ConfirmationQuestions _questions;
        private readonly StreamSwitches _streams;

        public CmdletSink(PSCmdlet cmdlet, Func<bool> skipSecondQuestion, CancellationToken cancellation)
        {
            _cmdlet = cmdlet;
            Cancellation = cancellation;
            _questions = new ConfirmationQuestions(cmdlet, skipSecondQuestion);
            _streams = StreamSwitches.Of(cmdlet);
        }

        public CancellationToken Cancellation { get; }

        /// <summary>The connection's tenant ("Feishu app cli_x at open.feishu.cn (sandbox)"), named in every confirmation target.</summary>
        public string? Tenant { get; set; }

        /// <summary>JSON from Core (Invoke-ApprovalToolsRequest's data) is written as PSObjects.</summary>
        public void Emit(object item) => _cmdlet.WriteObject(item is System.Text.Json.JsonElement json ? JsonPSObjects.From(json) : item);

        public void Fail(OperationError error) => _cmdlet.WriteError(ErrorRecords.From(error));

        public void Progress(ProgressInfo progress) =>
            _cmdlet.WriteProgress(new ProgressRecord(progress.ActivityId, progress.Activity, progress.Status)
            {
                PercentComplete = progress.PercentComplete,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });

        public bool ShouldProcess(string target, string action) => _questions.ShouldProcess(OnTenant(target), action);

        public bool ShouldContinue(string target, string query) => _questions.ShouldContinue(OnTenant(target), query);

        public bool IsVerboseEnabled => _streams.Verbose;

        public bool IsDebugEnabled => _streams.Debug;

        public void Verbose(string message)
        {
            if (!_streams.Verbose) return;
            if (_streams.VerboseAsDebug) _cmdlet.WriteDebug(message);
            else _cmdlet.WriteVerbose(message);
        }

        public void Debug(string message)
        {
            if (_streams.Debug) _cmdlet.WriteDebug(message);
        }

        public void Warning(string message) => _cmdlet.WriteWarning(message);

        /// <summary>"external instance 'PO-1' (approval A) on Feishu app cli_x at open.feishu.cn".</summary>
        public static string OnTenant(string target, string? tenant) => tenant == null ? target : target + " on " + tenant;

        private string OnTenant(string target) => OnTenant(target, Tenant);
    }
}
