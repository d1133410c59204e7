using System.Collections.Concurrent;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Tests.Support
{
    public sealed class ListLog : IRequestLog
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public void Verbose(string message) => Lines.Enqueue(message);
    }
}
