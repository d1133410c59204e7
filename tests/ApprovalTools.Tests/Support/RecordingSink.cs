using System.Collections.Concurrent;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Tests.Support
{
    /// <summary>The operation sink as tests see it: everything recorded, answers to questions scripted.</summary>
    public sealed class RecordingSink : IOperationSink
    {
        private readonly int _thread = Environment.CurrentManagedThreadId;

        public List<object> Emitted { get; } = new();
        public List<OperationError> Errors { get; } = new();
        public List<ProgressInfo> ProgressRecords { get; } = new();
        public List<string> VerboseLines { get; } = new();
        public List<string> DebugLines { get; } = new();
        public List<string> Warnings { get; } = new();
        public List<(string Target, string Action)> ShouldProcessCalls { get; } = new();
        public List<(string Target, string Query)> ShouldContinueCalls { get; } = new();

        /// <summary>Answer to ShouldProcess; false acts like -WhatIf.</summary>
        public Func<string, bool> ProcessAnswer { get; set; } = _ => true;

        public Func<string, bool> ContinueAnswer { get; set; } = _ => true;

        public CancellationTokenSource Stop { get; } = new();

        public CancellationToken Cancellation => Stop.Token;

        /// <summary>Set when any sink call came from another thread than the one that made the sink.</summary>
        public bool CalledOffThread { get; private set; }

        public IEnumerable<T> EmittedOf<T>() => Emitted.OfType<T>();

        public void Emit(object item) { Check(); Emitted.Add(item); }
        public void Fail(OperationError error) { Check(); Errors.Add(error); }
        public void Progress(ProgressInfo progress) { Check(); ProgressRecords.Add(progress); }
        public bool ShouldProcess(string target, string action) { Check(); ShouldProcessCalls.Add((target, action)); return ProcessAnswer(target); }
        public bool ShouldContinue(string target, string query) { Check(); ShouldContinueCalls.Add((target, query)); return ContinueAnswer(target); }
        public bool IsVerboseEnabled { get; set; } = true;
        public bool IsDebugEnabled { get; set; } = true;

        public void Verbose(string message) { Check(); VerboseLines.Add(message); }
        public void Debug(string message) { Check(); DebugLines.Add(message); }
        public void Warning(string message) { Check(); Warnings.Add(message); }

        private void Check()
        {
            if (Environment.CurrentManagedThreadId != _thread) CalledOffThread = true;
        }
    }
}
