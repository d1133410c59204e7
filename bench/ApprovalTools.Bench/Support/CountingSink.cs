using ApprovalTools.Core.Operations;

namespace ApprovalTools.Bench.Support
{
    /// <summary>
    /// The smallest honest IOperationSink: it counts what an operation writes and keeps none of it (no emitted object,
    /// no error, no verbose line survives the call), so the memory figures are the operation's and the transport's own.
    /// Says yes to ShouldProcess/ShouldContinue, like -Confirm:$false. Keeps the first few error messages (strings only)
    /// so a broken run is visible in the output.
    /// </summary>
    internal sealed class CountingSink : IOperationSink
    {
        private const int KeptMessages = 3;
        private readonly List<string> _firstErrors = new List<string>();

        public CountingSink(CancellationToken cancellation = default) => Cancellation = cancellation;

        public long Emitted { get; private set; }
        public long Failed { get; private set; }
        public long Progressed { get; private set; }
        public long VerboseLines { get; private set; }
        public long Warnings { get; private set; }

        /// <summary>Failures by ErrorId (a handful of distinct ids at most).</summary>
        public Dictionary<string, long> FailuresById { get; } = new Dictionary<string, long>(StringComparer.Ordinal);

        public IReadOnlyList<string> FirstErrors => _firstErrors;

        public CancellationToken Cancellation { get; }

        public void Emit(object item) => Emitted++;

        public void Fail(OperationError error)
        {
            Failed++;
            FailuresById[error.ErrorId] = FailuresById.TryGetValue(error.ErrorId, out var n) ? n + 1 : 1;
            if (_firstErrors.Count < KeptMessages) _firstErrors.Add(error.ToString());
        }

        public void Progress(ProgressInfo progress) => Progressed++;

        public bool ShouldProcess(string target, string action) => true;

        public bool ShouldContinue(string target, string query) => true;

        public bool IsVerboseEnabled => false;

        public bool IsDebugEnabled => false;

        public void Verbose(string message) => VerboseLines++;

        public void Debug(string message) => VerboseLines++;

        public void Warning(string message) => Warnings++;

        public string Summary() =>
            $"emitted {Emitted}, errors {Failed}" + (FailuresById.Count == 0 ? string.Empty : " (" + string.Join(", ", FailuresById.Select(f => f.Key + " " + f.Value)) + ")")
            + (_firstErrors.Count == 0 ? string.Empty : "; first: " + _firstErrors[0]);
    }
}
