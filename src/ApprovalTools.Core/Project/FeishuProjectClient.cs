using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project.Json;

namespace ApprovalTools.Core.Project
{
    /// <summary>The node complete/rollback call: POST /open_api/:project_key/workflow/:type/:id/node/:node_id/operate.</summary>
    public sealed class FeishuProjectClient
    {
        public const string OperateEndpoint = "POST workflow/node/operate";

        private readonly FeishuProjectConnection _connection;

        public FeishuProjectClient(FeishuProjectConnection connection) => _connection = connection;

        /// <summary>
        /// Sends one validated operation. The idempotency key goes into the request's headers once, so every retry the
        /// transport makes (transition wait, 429, 5xx, lost answer, token replay) resends the same X-IDEM-UUID.
        /// </summary>
        public async Task<NodeOperationResult> OperateNodeAsync(NodeOperationRequest request, string idempotencyKey, IRequestLog? log, CancellationToken cancellationToken)
        {
            var path = "open_api/" + Uri.EscapeDataString(request.ProjectKey!.Trim())
                + "/workflow/" + Uri.EscapeDataString(request.WorkItemTypeKey!.Trim())
                + "/" + request.WorkItemId!.Trim()
                + "/node/" + Uri.EscapeDataString(request.NodeId!.Trim()) + "/operate";
            var api = new ApiRequest(HttpMethod.Post, path, OperateEndpoint)
            {
                Body = NodeOperateWire.Body(request),
                // Safe to resend on any transient failure: the server deduplicates by X-IDEM-UUID.
                Retry = RetryScope.Always,
            };
            api.Headers["X-IDEM-UUID"] = idempotencyKey;

            var response = await _connection.Transport.SendAsync(api, log, cancellationToken).ConfigureAwait(false);
            return new NodeOperationResult
            {
                ProjectKey = request.ProjectKey!.Trim(),
                WorkItemTypeKey = request.WorkItemTypeKey!.Trim(),
                WorkItemId = request.WorkItemId!.Trim(),
                NodeId = request.NodeId!.Trim(),
                Action = request.Action ?? NodeAction.Confirm,
                IdempotencyKey = idempotencyKey,
                Attempts = _connection.Protocol.AttemptsOf(api),
                LogId = response.LogId ?? BodyLogId(response),
                CompletedAt = DateTimeOffset.UtcNow,
            };
        }

        private static string? BodyLogId(ApiResponse response)
        {
            using var doc = response.TryParseJson();
            if (doc != null && doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("err", out var err)
                && err.ValueKind == JsonValueKind.Object && err.TryGetProperty("log_id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                var text = id.GetString();
                return string.IsNullOrEmpty(text) ? null : text;
            }
            return null;
        }
    }
}
