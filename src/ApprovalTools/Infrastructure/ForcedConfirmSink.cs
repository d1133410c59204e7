using System.Threading;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Infrastructure
{
    /// <summary>
    /// -Force on a ConfirmImpact High cmdlet: ShouldProcess and ShouldContinue answer yes without asking (as with
    /// -Confirm:$false) and say so in a verbose line. Only used when -WhatIf is not in effect.
    /// </summary>
    internal sealed class ForcedConfirmSink : IOperationSink
    {
        private readonly IOperationSink _inner;
        private readonly string? _tenant;

        public ForcedConfirmSink(IOperationSink inner, string? tenant = null)
        {
            _inner = inner;
            _tenant = tenant;
        }

        public CancellationToken Cancellation => _inner.Cancellation;

        public void Emit(object item) => _inner.Emit(item);

        public void Fail(OperationError error) => _inner.Fail(error);

        public void Progress(ProgressInfo progress) => _inner.Progress(progress);

        public bool ShouldProcess(string target, string action)
        {
            _inner.Verbose($"Performing the operation \"{action}\" on target \"{CmdletSink.OnTenant(target, _tenant)}\" (-Force).");
            return true;
        }

        public bool ShouldContinue(string target, string query) => true;

        public bool IsVerboseEnabled => _inner.IsVerboseEnabled;

        public bool IsDebugEnabled => _inner.IsDebugEnabled;

        public void Verbose(string message) => _inner.Verbose(message);

        public void Debug(string message) => _inner.Debug(message);

        public void Warning(string message) => _inner.Warning(message);
    }
}
