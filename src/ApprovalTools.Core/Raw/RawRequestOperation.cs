using System;
using System.Text;
using System.Text.Json;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.Raw
{
    /// <summary>
    /// Invoke-ApprovalToolsRequest: one request sent through the connection's own pipeline (token, rate limit, retries,
    /// breaker, deadline, redaction, envelope judging). It emits the answer's data as <see cref="JsonElement"/>s (each
    /// item of a top-level array on its own), or one error whose target is the request.
    /// </summary>
    public sealed class RawRequestOperation
    {
        private readonly ApiTransport _transport;
        private readonly IOperationSink _sink;

        public RawRequestOperation(ServiceConnection connection, IOperationSink sink)
        {
            _transport = connection.Transport;
            _sink = sink;
        }

        public void Process(RawRequest request)
        {
            ApiRequest api;
            try
            {
                api = request.ToApiRequest(_transport.Service);
            }
            catch (ArgumentException ex)
            {
                _sink.Fail(OperationError.Invalid("RawRequestInvalid", ex.Message + " Nothing was sent.", request));
                return;
            }
            if (request.Changes && !_sink.ShouldProcess(request.ToString(), "Send the request")) return;
            ApiResponse response;
            try
            {
                response = SinkCalls.Run(_sink, (log, ct) => _transport.SendAsync(api, log, ct));
            }
            catch (ApiException ex) when (!FailurePolicy.EndsRun(ex))
            {
                _sink.Fail(OperationError.FromApi(ex, request, $"{request} failed"));
                return;
            }
            EmitData(response);
        }

        /// <summary>
        /// Feishu and Feishu Project wrap the answer in an envelope whose success the protocol has judged: its "data" is
        /// the result. The batch approval API has no envelope: its whole body is the result.
        /// </summary>
        private void EmitData(ApiResponse response)
        {
            if (response.Body.Length == 0) return;
            using var document = response.TryParseJson();
            if (document == null)
            {
                _sink.Emit(Encoding.UTF8.GetString(response.Body));
                return;
            }
            var data = document.RootElement;
            if (_transport.Service != ServiceKind.BatchApproval)
            {
                if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("data", out data)) return;
            }
            if (data.ValueKind == JsonValueKind.Null) return;
            if (data.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in data.EnumerateArray()) _sink.Emit(item.Clone());
            }
            else
            {
                _sink.Emit(data.Clone());
            }
        }
    }
}
