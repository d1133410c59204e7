using System;
using System.Threading.Tasks;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;
using ApprovalTools.Core.Project.Json;

namespace ApprovalTools.Core.Project.Operations
{
    /// <summary>
    /// Invoke-NodeOperation: each input item is validated, offered to ShouldProcess, given its own X-IDEM-UUID and sent
    /// (at most <c>throttleLimit</c> at once); it ends as exactly one <see cref="NodeOperationResult"/> or one error whose
    /// target is the input item, carrying the error table's ErrorId and remediation.
    /// </summary>
    public sealed class NodeOperation : IStopReport
    {
        private long _received;
        private readonly IOperationSink _sink;
        private readonly ThrottledPump _pump;
        private readonly FeishuProjectClient _client;

        public NodeOperation(FeishuProjectConnection connection, IOperationSink sink, int throttleLimit = 4)
        {
            _sink = sink;
            _pump = new ThrottledPump(sink, throttleLimit);
            _client = connection.Client;
        }

        /// <summary>Makes idempotency keys; tests may replace it.</summary>
        public Func<string> NewIdempotencyKey { get; set; } = () => Guid.NewGuid().ToString();

        /// <summary>Handles one loose input item (a request, hashtable, CSV row or dictionary of strings).</summary>
        public void Process(object item)
        {
            NodeOperationRequest request;
            try
            {
                request = ProjectInput.ToRequest(item);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // Whatever the input holds, it ends as this item's error; the rest of the pipeline goes on.
                _received++;
                _pump.Drain();
                _sink.Fail(OperationError.Invalid("NodeInputInvalid", ex is ArgumentException ? ex.Message : "the input cannot be read: " + ex.Message, item));
                return;
            }
            Process(request, item);
        }

        public void Process(NodeOperationRequest request, object? target = null)
        {
            var index = _received++;
            target ??= request;
            _pump.Drain();
            var problem = NodeOperationValidator.Validate(request);
            if (problem != null)
            {
                _sink.Fail(OperationError.Invalid(problem.ErrorId, $"{request}: {problem.Message}", target));
                return;
            }
            byte[] body;
            try
            {
                body = NodeOperateWire.Body(request);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // A value JSON cannot hold (NaN in a field value, say) is this item's error, found before anything is asked or sent.
                _sink.Fail(OperationError.Invalid("NodeInputInvalid", $"{request}: the request cannot be written as JSON: {ex.Message}", target));
                return;
            }
            if (!Confirmation.ShouldProcess(_sink, request.ToString(), request.Action.ToString(), target)) return;

            var key = NewIdempotencyKey();
            if (_sink.IsVerboseEnabled) _sink.Verbose($"{request.Action} {request}: X-IDEM-UUID {key}");
            _pump.Start(async ct =>
            {
                try
                {
                    var result = await _client.OperateNodeAsync(request, body, key, _pump, ct).ConfigureAwait(false);
                    result.InputIndex = index;
                    if (result.AppliedByEarlierAttempt)
                    {
                        _pump.Post(s => s.Warning($"{request.Action} {request}: an attempt got no answer and the resend found the node already "
                            + (request.Action == NodeAction.Confirm ? "completed" : "rolled back")
                            + "; the workflow shows it where this operation puts it, so it is reported as done (most likely by that attempt)."));
                    }
                    _pump.Emit(result);
                }
                catch (ApiException ex) when (FailurePolicy.EndsRun(ex))
                {
                    _pump.EndRun(ex);
                }
                catch (ApiException ex)
                {
                    _pump.Fail(OperationError.FromApi(ex, target, $"{request.Action} {request}"));
                }
            }, $"{request.Action} {request}");
        }

        public string? DescribeUnreported() =>
            StopReports.Describe(_pump.Unreported, "node operation(s) sent whose results were not written (the server may have applied them)",
                "Check the nodes with Get-WorkflowNode before sending them again.");

        /// <summary>Waits for the in-flight operations and writes their outcomes.</summary>
        public void Complete() => _pump.Complete();
    }
}
