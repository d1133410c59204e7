using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project.Json;

namespace ApprovalTools.Core.Project
{
    /// <summary>
    /// Feishu Project's work item calls: node complete/rollback (POST /open_api/:project_key/workflow/:type/:id/node/:node_id/operate),
    /// node update (PUT /open_api/:project_key/workflow/:type/:id/node/:node_id) and the workflow query (POST /open_api/:project_key/work_item/:type/:id/workflow/query).
    /// </summary>
    public sealed class FeishuProjectClient
    {
        public const string OperateEndpoint = "POST workflow/node/operate";
        public const string UpdateEndpoint = "PUT workflow/node";
        public const string WorkflowQueryEndpoint = "POST work_item/workflow/query";

        /// <summary>The calls themselves: each request below is built from its template.</summary>
        internal static readonly EndpointTemplate OperateApi =
            new EndpointTemplate("POST", "open_api/:project_key/workflow/:work_item_type_key/:work_item_id/node/:node_id/operate", OperateEndpoint);

        internal static readonly EndpointTemplate UpdateApi =
            new EndpointTemplate("PUT", "open_api/:project_key/workflow/:work_item_type_key/:work_item_id/node/:node_id", UpdateEndpoint);

        internal static readonly EndpointTemplate WorkflowQueryApi =
            new EndpointTemplate("POST", "open_api/:project_key/work_item/:work_item_type_key/:work_item_id/workflow/query", WorkflowQueryEndpoint);

        /// <summary>
        /// The templates of these calls, for raw requests to draw from the same buckets: Feishu Project counts per token
        /// and API, so every work item and node of one API shares one budget.
        /// </summary>
        internal static readonly EndpointTemplate[] Endpoints =
        {
            new EndpointTemplate("POST", FeishuProjectProtocol.TokenPath, FeishuProjectProtocol.TokenEndpoint),
            OperateApi,
            UpdateApi,
            WorkflowQueryApi,
        };

        private readonly ApiTransport _transport;
        private readonly FeishuProjectProtocol _protocol;

        internal FeishuProjectClient(ApiTransport transport, FeishuProjectProtocol protocol)
        {
            _transport = transport;
            _protocol = protocol;
        }

        /// <summary>
        /// Sends one validated operation. The idempotency key goes into the request's headers once, so every retry the
        /// transport makes (transition wait, 429, 5xx, lost answer, token replay) resends the same X-IDEM-UUID.
        /// </summary>
        public async Task<NodeOperationResult> OperateNodeAsync(NodeOperationRequest request, byte[] body, string idempotencyKey, IRequestLog? log, CancellationToken cancellationToken)
        {
            var api = (request.Action == NodeAction.Update ? UpdateApi : OperateApi)
                .Request(request.ProjectKey, request.WorkItemTypeKey, request.WorkItemId, request.NodeId);
            api.Body = body;
            // Safe to resend on any transient failure: the server deduplicates by X-IDEM-UUID (and an update is a PUT).
            api.Retry = RetryScope.Always;
            api.Headers["X-IDEM-UUID"] = idempotencyKey;

            ApiResponse? response;
            try
            {
                response = await _transport.SendAsync(api, log, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex) when (api.MayHaveActed && AlreadyDone(request, ex))
            {
                // X-IDEM-UUID is deduplicated per plugin token: a resend after a token refresh is judged afresh and meets
                // the node our own lost attempt already moved. The workflow says whether the node is where we sent it.
                if (!await ReachedAsync(request, log, cancellationToken).ConfigureAwait(false)) throw;
                response = null;
            }
            return new NodeOperationResult
            {
                ProjectKey = request.ProjectKey!.Trim(),
                WorkItemTypeKey = request.WorkItemTypeKey!.Trim(),
                WorkItemId = request.WorkItemId!.Trim(),
                NodeId = request.NodeId!.Trim(),
                Action = request.Action ?? NodeAction.Confirm,
                IdempotencyKey = idempotencyKey,
                Attempts = _protocol.AttemptsOf(api),
                LogId = response == null ? null : response.LogId ?? BodyLogId(response),
                AppliedByEarlierAttempt = response == null,
                CompletedAt = DateTimeOffset.UtcNow,
            };
        }

        /// <summary>The server's "already completed" (confirm) or "not completed" (rollback) answer to this very operation.</summary>
        private static bool AlreadyDone(NodeOperationRequest request, ApiException ex) =>
            request.Action == NodeAction.Confirm && ex.ErrorId == "NodeIsCompleted"
            || request.Action == NodeAction.Rollback && ex.ErrorId == "NodeNotCompleted";

        /// <summary>Re-reads the node: completed after a confirm, arrived after a rollback. False when it is not, or cannot be read.</summary>
        private async Task<bool> ReachedAsync(NodeOperationRequest request, IRequestLog? log, CancellationToken cancellationToken)
        {
            var wanted = request.Action == NodeAction.Confirm ? WorkflowNodeStatus.Completed : WorkflowNodeStatus.Arrived;
            try
            {
                var nodes = await QueryWorkflowAsync(new WorkItemReference(request.ProjectKey!.Trim(), request.WorkItemTypeKey!.Trim(), request.WorkItemId!.Trim()),
                    log, cancellationToken).ConfigureAwait(false);
                foreach (var node in nodes)
                {
                    if (node.NodeId == request.NodeId!.Trim()) return node.Status == wanted;
                }
                return false;
            }
            catch (ApiException)
            {
                return false;
            }
        }

        /// <summary>
        /// The nodes of one node-flow work item with their status, owners, schedules, fields and roles ("获取工作流详情",
        /// flow_type 0). A read: retried on every transient failure. Also the way to re-read a node after an unknown outcome.
        /// Throws <see cref="ArgumentException"/> for a reference that cannot be sent (see <see cref="WorkItemReference.Validate"/>).
        /// </summary>
        public async Task<IReadOnlyList<WorkflowNode>> QueryWorkflowAsync(WorkItemReference item, IRequestLog? log, CancellationToken cancellationToken)
        {
            var api = WorkflowQueryApi.Request(item.ProjectKey, item.WorkItemTypeKey, item.WorkItemId);
            api.Body = JsonSerializer.SerializeToUtf8Bytes(new WorkflowQueryBody { FlowType = 0 }, ProjectJsonContext.Default.WorkflowQueryBody);
            api.Retry = RetryScope.Always;
            var response = await _transport.SendAsync(api, log, cancellationToken).ConfigureAwait(false);
            WorkflowQueryResponse? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(response.Body, ProjectJsonContext.Default.WorkflowQueryResponse);
            }
            catch (JsonException ex)
            {
                throw new ApiException(ServiceKind.FeishuProject, "UnexpectedResponse", ErrorKind.ServerError,
                    $"Feishu Project answered the workflow query of {item} with a body this client cannot read: {ex.Message}", response.Status, 0, response.LogId, inner: ex);
            }
            return WorkflowDecoder.Decode(item, parsed?.Data);
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
