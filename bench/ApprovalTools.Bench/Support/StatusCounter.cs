using System.Collections.Concurrent;
using System.Net.Http;

namespace ApprovalTools.Bench.Support
{
    /// <summary>Counts HTTP answers by status as the client receives them (every attempt, retries included).</summary>
    internal sealed class StatusCounter : DelegatingHandler
    {
        private readonly ConcurrentDictionary<int, long> _byStatus = new ConcurrentDictionary<int, long>();

        public StatusCounter() : base(new SocketsHttpHandler()) { }

        public long Count(int status) => _byStatus.TryGetValue(status, out var n) ? n : 0;

        public long Total => _byStatus.Values.Sum();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            _byStatus.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            return response;
        }
    }
}
