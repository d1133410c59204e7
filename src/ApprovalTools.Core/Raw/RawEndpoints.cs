using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;

namespace ApprovalTools.Core.Raw
{
    /// <summary>
    /// The rate-limit bucket of a raw request. A path of an API the module itself calls takes that API's key, ids and
    /// all, so the raw request waits in the same process-wide schedule as the cmdlet (Feishu counts per app and API,
    /// Feishu Project per token and API: every work item of PUT .../node/:node_id is one budget). Any other path is
    /// <see cref="Other"/>: which of its segments are ids is unknown, so all such requests to one app or plugin share one
    /// bucket at the service's default limit rather than one per id, which could add up past what the server allows.
    /// </summary>
    internal static class RawEndpoints
    {
        public const string Other = "RAW other paths";

        public static string For(ServiceKind service, string method, IReadOnlyList<string> segments) =>
            Known(service).FirstOrDefault(t => t.Matches(method, segments))?.Endpoint ?? Other;

        private static IEnumerable<EndpointTemplate> Known(ServiceKind service)
        {
            switch (service)
            {
                case ServiceKind.FeishuApproval: return FeishuApprovalClient.Endpoints;
                case ServiceKind.FeishuProject: return FeishuProjectClient.Endpoints;
                case ServiceKind.BatchApproval: return BatchApprovalClient.Endpoints;
                default: return Enumerable.Empty<EndpointTemplate>();
            }
        }
    }
}
