using System;
using System.Linq;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.Approval.Operations
{
    public sealed class GetApprovalTaskOptions : PagingOptions
    {
        /// <summary>Called once per query with the first page's count.total and whether it is capped (999).</summary>
        public Action<int, bool>? TotalCount { get; set; }
    }

    /// <summary>
    /// Get-ApprovalTask: for each query, follows has_more/page_token and writes each page's tasks as it arrives, so
    /// memory holds one page. -Skip/-First apply per query. A failed page is one error whose target is the query;
    /// the tasks written before it stay written.
    /// </summary>
    public sealed class GetApprovalTaskOperation
    {
        private static readonly ProgressInfo Activity = new ProgressInfo(3, "Get-ApprovalTask", string.Empty);
        private readonly FeishuApprovalClient _client;
        private readonly IOperationSink _sink;
        private readonly GetApprovalTaskOptions _options;

        public GetApprovalTaskOperation(FeishuConnection connection, IOperationSink sink, GetApprovalTaskOptions? options = null)
        {
            _client = connection.Client;
            _sink = sink;
            _options = options ?? new GetApprovalTaskOptions();
        }

        /// <summary>Runs one query on the caller's thread; <paramref name="target"/> is the input item errors name.</summary>
        public void Process(TaskQuery query, object? target = null)
        {
            target ??= query;
            var violations = query.Validate();
            if (violations.Count > 0)
            {
                _sink.Fail(OperationError.Invalid("TaskQueryInvalid",
                    $"Invalid task query ({query}): {string.Join("; ", violations.Select(v => v.ToString()))}. Nothing was sent.", target));
                return;
            }
            var mismatch = query.IdTypeMismatch();
            if (mismatch != null) _sink.Warning(mismatch);
            PageWalk.Run(_sink, _options, "TaskQuery", Activity, $"task query ({query})", target,
                (token, log, ct) => _client.QueryTasksAsync(query, token, log, ct),
                first => { if (first.Total != null) _options.TotalCount?.Invoke(first.Total.Value, first.TotalIsCapped); });
        }
    }
}
