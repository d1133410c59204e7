using System.Linq;
using ApprovalTools.Core.Approval.Definitions;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.Approval.Operations
{
    /// <summary>
    /// Set-ExternalApproval: each definition is checked, offered to ShouldProcess and sent; it ends as one
    /// <see cref="ExternalApproval"/> (with the code Feishu answered) or one error whose target is the input.
    /// </summary>
    public sealed class SetExternalApprovalOperation
    {
        private readonly FeishuApprovalClient _client;
        private readonly IOperationSink _sink;

        public SetExternalApprovalOperation(FeishuConnection connection, IOperationSink sink)
        {
            _client = connection.Client;
            _sink = sink;
        }

        public void Process(ExternalApprovalRequest definition, object? target = null)
        {
            target ??= definition;
            var violations = definition.Validate();
            if (violations.Count > 0)
            {
                _sink.Fail(OperationError.Invalid("ExternalApprovalInvalid",
                    $"Invalid {definition}: {string.Join("; ", violations.Select(v => v.ToString()))}. Nothing was sent.", target));
                return;
            }
            if (!_sink.ShouldProcess(definition.ToString(), "Create or update the third-party approval definition")) return;
            try
            {
                _sink.Emit(SinkCalls.Run(_sink, (log, ct) => _client.SetExternalApprovalAsync(definition, log, ct)));
            }
            catch (ApiException ex) when (!FailurePolicy.EndsRun(ex))
            {
                _sink.Fail(OperationError.FromApi(ex, target, $"Setting {definition} failed"));
            }
        }
    }
}
