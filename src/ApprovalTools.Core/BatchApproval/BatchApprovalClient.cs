using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.BatchApproval.Json;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.BatchApproval
{
    /// <summary>
    /// The three calls of the batch approval open API docs (https://www.dabeicloud.com/help-center/3a330f9963f64ae7a00ea6b1304e2eb5.html). Check and progress are reads and retried like any read; submit is not
    /// idempotent (each call starts a new batch), so it is retried only when the server provably did not act
    /// (429, connection refused) and any other failure without a readable answer is an outcome-unknown error.
    /// </summary>
    public sealed class BatchApprovalClient
    {
        public const string CheckPath = "batch_approvals/_check";
        public const string SubmitPath = "batch_approvals/_submit";

        public const string CheckEndpoint = "POST batch_approvals/_check";
        public const string SubmitEndpoint = "POST batch_approvals/_submit";
        public const string ProgressEndpoint = "GET batch_approvals/_submit";

        /// <summary>The paths of these calls as templates, for raw requests to draw from the same buckets.</summary>
        internal static readonly EndpointTemplate[] Endpoints =
        {
            new EndpointTemplate("POST", CheckPath, CheckEndpoint),
            new EndpointTemplate("POST", SubmitPath, SubmitEndpoint),
            new EndpointTemplate("GET", SubmitPath, ProgressEndpoint),
        };

        private readonly ApiTransport _transport;

        internal BatchApprovalClient(ApiTransport transport) => _transport = transport;

        /// <summary>POST /batch_approvals/_check: one entry per id, in the order of <paramref name="taskIds"/>.</summary>
        /// <exception cref="ApiException">The call failed, or the answer is not an array of the ids' length (BatchCheckLengthMismatch).</exception>
        public async Task<IReadOnlyList<BatchCheckEntry>> CheckAsync(string userId, IReadOnlyList<string> taskIds, IRequestLog? log, CancellationToken cancellationToken)
        {
            ValidateIds(userId, taskIds);
            var request = new ApiRequest(HttpMethod.Post, CheckPath + "?user_id=" + Uri.EscapeDataString(userId), CheckEndpoint)
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(taskIds.ToArray(), BatchApprovalJsonContext.Default.StringArray),
            };
            var response = await _transport.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            var entries = Read(response, BatchApprovalJsonContext.Default.ListBatchCheckEntry, "_check");
            if (entries == null) throw Unexpected(response, "_check", "the answer is not a JSON array");
            if (entries.Count != taskIds.Count)
            {
                throw new ApiException(ServiceKind.BatchApproval, "BatchCheckLengthMismatch", ErrorKind.InvalidData,
                    $"BatchApproval: _check was sent {taskIds.Count} task ids but answered {entries.Count} entries; the answer is matched by position, so it cannot be trusted for any of them. Nothing was submitted for these tasks."
                    + LogIdText(response), response.Status, logId: response.LogId);
            }
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i]?.Supported == null) throw Unexpected(response, "_check", $"entry {i + 1} has no boolean 'supported'");
            }
            return entries;
        }

        /// <summary>POST /batch_approvals/_submit: starts an asynchronous batch and returns its batch number.</summary>
        /// <exception cref="ApiException">Rejected (nothing happened) or <see cref="ErrorKind.OutcomeUnknown"/> (the server may have started the batch).</exception>
        public async Task<string> SubmitAsync(string userId, IReadOnlyList<string> taskIds, IRequestLog? log, CancellationToken cancellationToken)
        {
            ValidateIds(userId, taskIds);
            var request = new ApiRequest(HttpMethod.Post, SubmitPath + "?user_id=" + Uri.EscapeDataString(userId), SubmitEndpoint)
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(taskIds.ToArray(), BatchApprovalJsonContext.Default.StringArray),
                Retry = RetryScope.OnlyIfNotProcessed,
            };
            ApiResponse response;
            try
            {
                response = await _transport.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex) when (ex.Kind == ErrorKind.ServerError && ex.HttpStatus >= 500)
            {
                // A 5xx after the request arrived says nothing about whether the batch was started.
                throw new ApiException(ServiceKind.BatchApproval, "OutcomeUnknown", ErrorKind.OutcomeUnknown,
                    $"BatchApproval: _submit answered HTTP {ex.HttpStatus} ({ex.Message}). The server may or may not have started the batch; it was not sent again.",
                    ex.HttpStatus, ex.Code, ex.LogId, inner: ex);
            }
            SubmitAnswer? answer;
            try
            {
                answer = Read(response, BatchApprovalJsonContext.Default.SubmitAnswer, "_submit");
            }
            catch (ApiException ex)
            {
                throw new ApiException(ServiceKind.BatchApproval, "BatchSubmitAnswerUnreadable", ErrorKind.OutcomeUnknown,
                    ex.Message + " The server answered HTTP " + response.Status + ", so it probably started a batch that cannot be followed.",
                    response.Status, logId: response.LogId, inner: ex);
            }
            if (string.IsNullOrWhiteSpace(answer?.BatchNumber))
            {
                throw new ApiException(ServiceKind.BatchApproval, "BatchSubmitAnswerUnreadable", ErrorKind.OutcomeUnknown,
                    $"BatchApproval: _submit answered HTTP {response.Status} without a batch_number, so it probably started a batch that cannot be followed." + LogIdText(response),
                    response.Status, logId: response.LogId);
            }
            return answer!.BatchNumber!;
        }

        /// <summary>GET /batch_approvals/_submit?user_id=&amp;batch_number=: the batch's progress.</summary>
        public async Task<BatchProgress> GetProgressAsync(string userId, string batchNumber, IRequestLog? log, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(userId)) throw new ArgumentException("UserId is required.", nameof(userId));
            if (string.IsNullOrWhiteSpace(batchNumber)) throw new ArgumentException("BatchNumber is required.", nameof(batchNumber));
            var request = new ApiRequest(HttpMethod.Get,
                SubmitPath + "?user_id=" + Uri.EscapeDataString(userId) + "&batch_number=" + Uri.EscapeDataString(batchNumber), ProgressEndpoint);
            var response = await _transport.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            var progress = Read(response, BatchApprovalJsonContext.Default.BatchProgress, "progress");
            if (progress == null || progress.Total < 0 || progress.Processed < 0)
            {
                throw Unexpected(response, "progress", "'total' and 'processed' must be non-negative numbers");
            }
            return progress;
        }

        /// <summary>The local rules, checked before anything is sent.</summary>
        public static void ValidateIds(string userId, IReadOnlyList<string> taskIds)
        {
            if (string.IsNullOrWhiteSpace(userId)) throw new ArgumentException("UserId is required (user_id is a mandatory URL parameter).", nameof(userId));
            if (taskIds == null || taskIds.Count == 0) throw new ArgumentException("task_ids must hold at least one task id.", nameof(taskIds));
            if (taskIds.Count > BatchLimits.MaxTaskIdsPerCall)
            {
                throw new ArgumentException($"task_ids holds {taskIds.Count} ids; the API takes at most {BatchLimits.MaxTaskIdsPerCall} per call.", nameof(taskIds));
            }
            if (taskIds.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("task_ids must not contain an empty task id.", nameof(taskIds));
        }

        private T? Read<T>(ApiResponse response, JsonTypeInfo<T> type, string what) where T : class
        {
            try
            {
                return JsonSerializer.Deserialize(response.Body, type);
            }
            catch (JsonException ex)
            {
                throw Unexpected(response, what, ex.Message);
            }
        }

        private ApiException Unexpected(ApiResponse response, string what, string why)
        {
            var body = Encoding.UTF8.GetString(response.Body);
            if (body.Length > 200) body = body.Substring(0, 200) + "…";
            return new ApiException(ServiceKind.BatchApproval, "BatchUnexpectedAnswer", ErrorKind.InvalidData,
                _transport.Redactor.Redact($"BatchApproval: the {what} answer (HTTP {response.Status}) is not what the API documents: {why}. Body: {body}") + LogIdText(response),
                response.Status, logId: response.LogId);
        }

        private static string LogIdText(ApiResponse response) => response.LogId == null ? string.Empty : " (log id " + response.LogId + ")";
    }
}
