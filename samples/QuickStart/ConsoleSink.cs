using ApprovalTools.Core.Operations;

namespace ApprovalTools.QuickStart
{
    /// <summary>Prints what a cmdlet would write: objects, errors (with their ErrorId) and warnings. Collects objects for the next step.</summary>
    public sealed class ConsoleSink : IOperationSink
    {
        public List<object> Objects { get; } = new();
        public List<OperationError> Errors { get; } = new();

        public CancellationToken Cancellation => CancellationToken.None;

        public void Emit(object item)
        {
            Objects.Add(item);
            Console.WriteLine("  -> " + item);
        }

        public void Fail(OperationError error)
        {
            Errors.Add(error);
            Console.WriteLine($"  !! {error.ErrorId}: {error.Message}");
        }

        public void Progress(ProgressInfo progress)
        {
        }

        public bool ShouldProcess(string target, string action) => true;

        public bool ShouldContinue(string target, string query) => true;

        public bool IsVerboseEnabled => false;

        public bool IsDebugEnabled => false;

        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }

        public void Warning(string message) => Console.WriteLine("  WARNING: " + message);
    }
}
