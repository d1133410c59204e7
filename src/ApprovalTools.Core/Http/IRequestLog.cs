namespace ApprovalTools.Core.Http
{
    /// <summary>Where the transport tells what it sends (already redacted). Must be thread-safe.</summary>
    public interface IRequestLog
    {
        void Verbose(string message);
    }

    public sealed class NullRequestLog : IRequestLog
    {
        public static readonly NullRequestLog Instance = new NullRequestLog();

        public void Verbose(string message)
        {
        }
    }
}
