namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// Where the transport tells what it sends (already redacted). Must be thread-safe. Callers build a line only when
    /// its stream is on (<see cref="IsVerboseEnabled"/>, <see cref="IsDebugEnabled"/>), so a quiet run formats nothing.
    /// </summary>
    public interface IRequestLog
    {
        /// <summary>One line per request: method, path, status, duration, log id.</summary>
        bool IsVerboseEnabled { get; }

        /// <summary>Detail: headers (redacted), bodies, timings, retry, rate-limit and token decisions.</summary>
        bool IsDebugEnabled { get; }

        void Verbose(string message);

        void Debug(string message);
    }

    public sealed class NullRequestLog : IRequestLog
    {
        public static readonly NullRequestLog Instance = new NullRequestLog();

        public bool IsVerboseEnabled => false;

        public bool IsDebugEnabled => false;

        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }
    }
}
