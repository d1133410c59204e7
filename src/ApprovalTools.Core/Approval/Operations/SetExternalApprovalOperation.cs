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

    /// <summary>Get-ExternalApproval: one definition per code, or one error whose target is the code.</summary>
    public sealed class GetExternalApprovalOperation
    {
        private readonly FeishuApprovalClient _client;
        private readonly IOperationSink _sink;

        public GetExternalApprovalOperation(FeishuConnection connection, IOperationSink sink)
        {
            _client = connection.Client;
            _sink = sink;
        }

        public void Process(string approvalCode)
        {
            try
            {
                ApiPath.Segment("approval_code", approvalCode);
            }
            catch (System.ArgumentException ex)
            {
                _sink.Fail(OperationError.Invalid("ExternalApprovalCodeInvalid", ex.Message + " Nothing was sent.", approvalCode));
                return;
            }
            try
            {
                _sink.Emit(SinkCalls.Run(_sink, (log, ct) => _client.GetExternalApprovalAsync(approvalCode, log, ct)));
            }
            catch (ApiException ex) when (!FailurePolicy.EndsRun(ex))
            {
                _sink.Fail(OperationError.FromApi(ex, approvalCode, $"Reading external approval '{approvalCode}' failed"));
            }
        }
    }
}
