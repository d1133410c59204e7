using System;
using System.Linq;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.Approval.Operations
{
    public sealed class GetApprovalTaskOptions
    {
        /// <summary>Tasks to pass over first, per query (-Skip).</summary>
        public ulong Skip { get; set; }

        /// <summary>Most tasks written per query (-First); no further page is fetched once reached.</summary>
        public ulong First { get; set; } = ulong.MaxValue;

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
        private const int ProgressId = 3;
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
            ulong seen = 0, written = 0;
            string? token = null;
            var pages = 0;
            try
            {
                while (written < _options.First)
                {
                    var page = SinkCalls.Run(_sink, (log, ct) => _client.QueryTasksAsync(query, token, log, ct));
                    pages++;
                    if (pages == 1 && page.Total != null) _options.TotalCount?.Invoke(page.Total.Value, page.TotalIsCapped);
                    foreach (var task in page.Tasks)
                    {
                        if (seen++ < _options.Skip) continue;
                        if (written >= _options.First) break;
                        _sink.Emit(task);
                        written++;
                    }
                    _sink.Progress(new ProgressInfo(ProgressId, "Get-ApprovalTask", $"{query}: page {pages}, {seen} task(s)", -1));
                    if (!page.HasMore) break;
                    if (page.PageToken == token)
                    {
                        _sink.Fail(new OperationError("TaskQueryPagingStuck", ErrorKind.ServerError,
                            $"The task query ({query}) returned the same page_token twice; stopped after {pages} page(s) to avoid a loop.", target));
                        break;
                    }
                    token = page.PageToken;
                }
            }
            catch (ApiException ex) when (!FailurePolicy.EndsRun(ex))
            {
                _sink.Fail(OperationError.FromApi(ex, target, $"Task query ({query}) failed after {pages} page(s)"));
            }
            finally
            {
                _sink.Progress(new ProgressInfo(ProgressId, "Get-ApprovalTask", $"{query}: {written} task(s)", 100, completed: true));
            }
        }
    }
}
