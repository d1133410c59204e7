using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Tests.Support
{
    /// <summary>Batch approval connections from a base URI text, as Connect-BatchApproval makes them.</summary>
    public static class BatchConnect
    {
        public static BatchApprovalConnection Create(string? baseUri, Secret? token = null, IEnumerable<KeyValuePair<string, Secret>>? headers = null,
            bool isSandbox = false, ResilienceSettings? settings = null) =>
            Connector.Create(new BatchApprovalConnectionOptions
            {
                BaseUri = string.IsNullOrWhiteSpace(baseUri) ? null : ServiceBaseUri.Normalize(baseUri),
                Token = token,
                Headers = (headers ?? Enumerable.Empty<KeyValuePair<string, Secret>>()).ToList(),
                IsSandbox = isSandbox,
                Resilience = settings,
            });
    }
}
