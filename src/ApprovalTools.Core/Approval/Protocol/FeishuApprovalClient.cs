using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Approval.Definitions;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Approval.Protocol
{
    /// <summary>
    /// The Feishu approval v4 calls this module uses, over the connection's one <see cref="ApiTransport"/>.
    /// Each call is a typed request through <see cref="PostAsync{T}"/>/<see cref="GetAsync{T}"/> and the envelope decoder,
    /// so the task query (GET tasks/query, paged) slots in as one more method.
    /// </summary>
    public sealed class FeishuApprovalClient
    {
        public const string CreatePath = "open-apis/approval/v4/external_instances";
        public const string CheckPath = "open-apis/approval/v4/external_instances/check";
        public const string TaskQueryPath = "open-apis/approval/v4/tasks/query";
        public const string ExternalTasksPath = "open-apis/approval/v4/external_tasks";
        public const string ExternalApprovalsPath = "open-apis/approval/v4/external_approvals";

        /// <summary>The rate-limit keys (<see cref="ApiRequest.Endpoint"/>) of these calls: one bucket per API.</summary>
        public const string CreateEndpoint = "POST external_instances";
        public const string CheckEndpoint = "POST external_instances/check";
        public const string TaskQueryEndpoint = "GET tasks/query";
        public const string ExternalTasksEndpoint = "GET external_tasks";
        public const string DefinitionSetEndpoint = "POST external_approvals";
        public const string DefinitionGetEndpoint = "GET external_approvals";

        /// <summary>The one call with an id in its path; its path is built from this template.</summary>
        internal static readonly EndpointTemplate DefinitionGetApi = new EndpointTemplate("GET", ExternalApprovalsPath + "/:approval_code", DefinitionGetEndpoint);

        /// <summary>The paths of these calls as templates, for raw requests to draw from the same buckets.</summary>
        internal static readonly EndpointTemplate[] Endpoints =
        {
            new EndpointTemplate("POST", FeishuProtocol.TokenPath, FeishuProtocol.TokenEndpoint),
            new EndpointTemplate("POST", CreatePath, CreateEndpoint),
            new EndpointTemplate("POST", CheckPath, CheckEndpoint),
            new EndpointTemplate("GET", TaskQueryPath, TaskQueryEndpoint),
            new EndpointTemplate("GET", ExternalTasksPath, ExternalTasksEndpoint),
            new EndpointTemplate("POST", ExternalApprovalsPath, DefinitionSetEndpoint),
            DefinitionGetApi,
        };

        internal FeishuApprovalClient(ApiTransport transport, FeishuProtocol protocol)
        {
            Transport = transport;
            Protocol = protocol;
        }

        internal ApiTransport Transport { get; }

        internal FeishuProtocol Protocol { get; }

        /// <summary>
        /// Creates or updates one instance (an upsert by instance_id). Sent again on transient failures: REPLACE of the same
        /// body is idempotent, and an UPDATE repeated with the same update_time is a no-op on the server.
        /// </summary>
        public Task<CreateInstanceResult> CreateAsync(ExternalInstance instance, IRequestLog? log, CancellationToken cancellationToken) =>
            CreateAsync(JsonSerializer.SerializeToUtf8Bytes(instance, ApprovalJsonContext.Default.ExternalInstance), log, cancellationToken);

        /// <summary>Creates or updates from a body already serialized (<see cref="Input.PreparedInstance.Body"/>).</summary>
        public async Task<CreateInstanceResult> CreateAsync(byte[] body, IRequestLog? log, CancellationToken cancellationToken)
        {
            var response = await Transport.SendAsync(new ApiRequest(HttpMethod.Post, CreatePath, CreateEndpoint) { Body = body }, log, cancellationToken).ConfigureAwait(false);
            var result = new CreateInstanceResult(response.Body, response.LogId);
            // The server accepted the instance once code is 0; an echo this client cannot read (a new enum value, say)
            // must not turn that success into an error. The echo is read when first asked for, so only a verbose run reads
            // it here, to say why it will be missing.
            if (log != null && log.IsVerboseEnabled && result.EchoError != null)
            {
                log.Verbose($"FeishuApproval: {CreateEndpoint} succeeded, but its echo could not be read ({result.EchoError}); it is left out of the result.");
            }
            return result;
        }

        /// <summary>Checks a batch of instances; returns the server's diff_instances (empty when all are in sync).</summary>
        public async Task<IReadOnlyList<DiffInstanceWire>> CheckAsync(IReadOnlyList<CheckInstance> instances, IRequestLog? log, CancellationToken cancellationToken)
        {
            var request = new CheckRequest { Instances = new List<CheckInstance>(instances) };
            var body = JsonSerializer.SerializeToUtf8Bytes(request, ApprovalJsonContext.Default.CheckRequest);
            var (data, _) = await PostAsync(CheckPath, CheckEndpoint, body,
                ApprovalJsonContext.Default.FeishuEnvelopeCheckResponseData, log, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<DiffInstanceWire>?)data?.DiffInstances ?? Array.Empty<DiffInstanceWire>();
        }

        /// <summary>
        /// One page of GET tasks/query (page_token null for the first). The caller follows <see cref="TaskPage.HasMore"/>
        /// and <see cref="TaskPage.PageToken"/>; <see cref="Operations.GetApprovalTaskOperation"/> does so while streaming.
        /// A read: retried on transient failures like every request.
        /// </summary>
        public async Task<TaskPage> QueryTasksAsync(TaskQuery query, string? pageToken, IRequestLog? log, CancellationToken cancellationToken)
        {
            var (data, logId) = await GetAsync(query.PathAndQuery(TaskQueryPath, pageToken), TaskQueryEndpoint,
                ApprovalJsonContext.Default.FeishuEnvelopeTaskQueryData, log, cancellationToken).ConfigureAwait(false);
            var tasks = new List<ApprovalTask>();
            foreach (var wire in data?.Tasks ?? new List<TaskWire>()) tasks.Add(TaskDecoder.Decode(wire, query));
            return new TaskPage
            {
                Tasks = tasks,
                HasMore = data?.HasMore == true && !string.IsNullOrEmpty(data.PageToken),
                PageToken = data?.PageToken,
                Total = data?.Count?.Total,
                TotalIsCapped = data?.Count?.HasMore == true,
                LogId = logId,
            };
        }

        /// <summary>
        /// One page of GET external_tasks: the filters travel as a JSON body on the GET, as the official SDKs send it
        /// (node-sdk externalTask.list). A read: retried on transient failures.
        /// </summary>
        public async Task<ExternalTaskPage> ListExternalTasksAsync(ExternalTaskQuery query, string? pageToken, IRequestLog? log, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Get, query.PathAndQuery(ExternalTasksPath, pageToken), ExternalTasksEndpoint)
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(query.ToWire(), ApprovalJsonContext.Default.ExternalTaskListRequest),
            };
            var (data, _) = await SendAsync(request, ApprovalJsonContext.Default.FeishuEnvelopeExternalTaskListData, log, cancellationToken).ConfigureAwait(false);
            return new ExternalTaskPage
            {
                Tasks = ExternalTaskDecoder.Decode(data),
                HasMore = data?.HasMore == true && !string.IsNullOrEmpty(data.PageToken),
                PageToken = data?.PageToken,
            };
        }

        /// <summary>
        /// Creates or updates a third-party approval definition (an upsert by approval_code). Sent again on transient
        /// failures: the same body with the same code updates the same definition.
        /// </summary>
        public async Task<ExternalApproval> SetExternalApprovalAsync(ExternalApprovalRequest definition, IRequestLog? log, CancellationToken cancellationToken)
        {
            var wire = ExternalApprovalMapping.ToWire(definition);
            var body = JsonSerializer.SerializeToUtf8Bytes(wire, ApprovalJsonContext.Default.ExternalApprovalWire);
            var (data, logId) = await PostAsync(ExternalApprovalsPath, DefinitionSetEndpoint, body,
                ApprovalJsonContext.Default.FeishuEnvelopeCreateExternalApprovalData, log, cancellationToken).ConfigureAwait(false);
            return ExternalApprovalMapping.FromWire(wire, wire.ApprovalCode!, data?.ApprovalCode, logId);
        }

        /// <summary>Reads one third-party approval definition by code.</summary>
        public async Task<ExternalApproval> GetExternalApprovalAsync(string approvalCode, IRequestLog? log, CancellationToken cancellationToken)
        {
            var (data, logId) = await GetAsync(DefinitionGetApi.PathFor(approvalCode), DefinitionGetEndpoint, ApprovalJsonContext.Default.FeishuEnvelopeExternalApprovalWire, log, cancellationToken).ConfigureAwait(false);
            return ExternalApprovalMapping.FromWire(data, approvalCode.Trim(), null, logId);
        }

        private Task<(T? Data, string? LogId)> PostAsync<T>(string path, string endpoint, byte[] body,
            JsonTypeInfo<FeishuEnvelope<T>> type, IRequestLog? log, CancellationToken cancellationToken) where T : class =>
            SendAsync(new ApiRequest(HttpMethod.Post, path, endpoint) { Body = body }, type, log, cancellationToken);

        internal Task<(T? Data, string? LogId)> GetAsync<T>(string pathAndQuery, string endpoint,
            JsonTypeInfo<FeishuEnvelope<T>> type, IRequestLog? log, CancellationToken cancellationToken) where T : class =>
            SendAsync(new ApiRequest(HttpMethod.Get, pathAndQuery, endpoint), type, log, cancellationToken);

        private async Task<(T? Data, string? LogId)> SendAsync<T>(ApiRequest request, JsonTypeInfo<FeishuEnvelope<T>> type,
            IRequestLog? log, CancellationToken cancellationToken) where T : class
        {
            var response = await Transport.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            try
            {
                var envelope = JsonSerializer.Deserialize(response.Body, type);
                return (envelope?.Data, response.LogId);
            }
            catch (JsonException ex)
            {
                throw new ApiException(ServiceKind.FeishuApproval, "UnexpectedResponse", ErrorKind.ServerError,
                    $"Feishu answered {request.Endpoint} with a body this client cannot read: {ex.Message}", response.Status, 0, response.LogId, inner: ex);
            }
        }
    }
}
