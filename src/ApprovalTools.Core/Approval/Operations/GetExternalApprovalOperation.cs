using ApprovalTools.Core.Approval.Definitions;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.Approval.Operations
{
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
