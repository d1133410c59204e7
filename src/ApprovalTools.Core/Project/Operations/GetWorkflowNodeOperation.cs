using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.Project.Operations
{
    /// <summary>
    /// Get-WorkflowNode: for each work item, one workflow query (at most <c>throttleLimit</c> at once) whose nodes are
    /// written one object per node as the answer arrives; a work item that cannot be read ends as one error whose target
    /// is the input item. Nothing is written for a work item that fails.
    /// </summary>
    public sealed class GetWorkflowNodeOperation
    {
        private readonly IOperationSink _sink;
        private readonly ThrottledPump _pump;
        private readonly FeishuProjectClient _client;

        public GetWorkflowNodeOperation(FeishuProjectConnection connection, IOperationSink sink, int throttleLimit = 4)
        {
            _sink = sink;
            _pump = new ThrottledPump(sink, throttleLimit);
            _client = connection.Client;
        }

        public void Process(WorkItemReference item, object? target = null)
        {
            target ??= item;
            _pump.Drain();
            if (item.Validate() is { } problem)
            {
                _sink.Fail(OperationError.Invalid(problem.ErrorId, $"{item}: {problem.Message}", target));
                return;
            }
            _pump.Start(async ct =>
            {
                try
                {
                    var nodes = await _client.QueryWorkflowAsync(item, _pump, ct).ConfigureAwait(false);
                    foreach (var node in nodes) _pump.Emit(node);
                }
                catch (ApiException ex)
                {
                    _pump.Fail(OperationError.FromApi(ex, target, $"Workflow query of {item}"));
                }
            });
        }

        /// <summary>Waits for the queries in flight and writes their nodes.</summary>
        public void Complete() => _pump.Complete();
    }
}
