using System;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Operations
{
    /// <summary>
    /// Thrown by a sink whose host cannot ask a question (pwsh -NonInteractive, a scheduler). The message says how to
    /// run unattended (-Force, -Confirm:$false); <see cref="Confirmation"/> turns it into the item's one error.
    /// </summary>
    public sealed class ConfirmationUnavailableException : InvalidOperationException
    {
        public ConfirmationUnavailableException(string message, Exception? inner = null) : base(message, inner)
        {
        }
    }

    /// <summary>The sink's two questions for one input item: a host that cannot ask fails that item, not the run.</summary>
    public static class Confirmation
    {
        public const string NotPossibleErrorId = "ConfirmationNotPossible";

        /// <summary>True to go on; false when declined, or when the host cannot ask (the item then has its error).</summary>
        public static bool ShouldProcess(IOperationSink sink, string what, string action, object? item) =>
            Ask(sink, item, what, action, shouldContinue: false);

        public static bool ShouldContinue(IOperationSink sink, string what, string query, object? item) =>
            Ask(sink, item, what, query, shouldContinue: true);

        // The question is named by a flag, not passed as a lambda: ShouldProcess is asked for every item of a sync.
        private static bool Ask(IOperationSink sink, object? item, string what, string text, bool shouldContinue)
        {
            try
            {
                return shouldContinue ? sink.ShouldContinue(what, text) : sink.ShouldProcess(what, text);
            }
            catch (ConfirmationUnavailableException ex)
            {
                sink.Fail(NotPossible(ex, item));
                return false;
            }
        }

        public static OperationError NotPossible(ConfirmationUnavailableException exception, object? item) =>
            new OperationError(NotPossibleErrorId, ErrorKind.InvalidOperation, exception.Message, item, exception,
                "Check the run with -WhatIf, then run it with -Force or -Confirm:$false.");
    }
}
