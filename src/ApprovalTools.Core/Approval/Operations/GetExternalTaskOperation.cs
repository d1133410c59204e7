using System.Linq;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.Approval.Operations
{
    /// <summary>
    /// Get-ExternalTask: for each query, follows has_more/page_token of GET external_tasks and writes one
    /// <see cref="ExternalTaskRecord"/> per stored task as each page arrives. -Skip/-First apply per query; a query that
    /// breaks the documented rules is one error naming the field, and nothing is sent for it.
    /// </summary>
    public sealed class GetExternalTaskOperation
    {
        private static readonly ProgressInfo Activity = new ProgressInfo(5, "Get-ExternalTask", string.Empty);
        private readonly FeishuApprovalClient _client;
        private readonly IOperationSink _sink;
        private readonly PagingOptions _paging;

        public GetExternalTaskOperation(FeishuConnection connection, IOperationSink sink, PagingOptions? paging = null)
        {
            _client = connection.Client;
            _sink = sink;
            _paging = paging ?? new PagingOptions();
        }

        public void Process(ExternalTaskQuery query, object? target = null)
        {
            target ??= query;
            var violations = query.Validate();
            if (violations.Count > 0)
            {
                _sink.Fail(OperationError.Invalid("ExternalTaskQueryInvalid",
                    $"Invalid query ({query}): {string.Join("; ", violations.Select(v => v.ToString()))}. Nothing was sent.", target));
                return;
            }
            PageWalk.Run(_sink, _paging, "ExternalTaskQuery", Activity, query.ToString(), target,
                (token, log, ct) => _client.ListExternalTasksAsync(query, token, log, ct));
        }
    }
}
