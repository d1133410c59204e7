using System.Collections.Concurrent;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Tests.Support
{
    public sealed class ListLog : IRequestLog
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ConcurrentQueue<string> DebugLines { get; } = new();

        public bool IsVerboseEnabled { get; set; } = true;

        public bool IsDebugEnabled { get; set; } = true;

        public void Verbose(string message) => Lines.Enqueue(message);

        public void Debug(string message) => DebugLines.Enqueue(message);
    }
}
