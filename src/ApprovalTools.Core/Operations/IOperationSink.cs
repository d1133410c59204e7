using System.Threading;

namespace ApprovalTools.Core.Operations
{
    /// <summary>
    /// Everything an operation may do towards its caller. The cmdlet implements it over PSCmdlet
    /// (WriteObject, WriteError, WriteProgress, ShouldProcess, WriteVerbose, WriteDebug); tests implement it with lists.
    /// Operations call it only on the thread that called them (the pipeline thread): see <see cref="ThrottledPump"/>.
    /// </summary>
    public interface IOperationSink
    {
        void Emit(object item);

        void Fail(OperationError error);

        void Progress(ProgressInfo progress);

        /// <summary>-WhatIf / -Confirm gate, called once per item right before its request.</summary>
        bool ShouldProcess(string target, string action);

        /// <summary>
        /// A second, stronger question for destructive work (REPLACE deletes server data). The cmdlet answers
        /// true without asking under -Force or -Confirm:$false, so runbooks run unattended.
        /// </summary>
        bool ShouldContinue(string target, string query);

        /// <summary>True when a verbose line would be shown: build the text only then.</summary>
        bool IsVerboseEnabled { get; }

        /// <summary>True when a debug line would be shown: build the text only then.</summary>
        bool IsDebugEnabled { get; }

        void Verbose(string message);

        /// <summary>Detail beyond -Verbose (headers, bodies, timings, retry and token decisions). Never prompts.</summary>
        void Debug(string message);

        void Warning(string message);

        /// <summary>Tripped by StopProcessing (Ctrl+C).</summary>
        CancellationToken Cancellation { get; }
    }
}
