using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Operations
{
    /// <summary>One page of a paged read: its items, and the token of the next page when has_more.</summary>
    public interface IPage
    {
        IEnumerable<object> Items { get; }
        bool HasMore { get; }
        string? PageToken { get; }
    }

    /// <summary>-Skip / -First of a paged read, per query.</summary>
    public class PagingOptions
    {
        /// <summary>Items to pass over first, per query (-Skip).</summary>
        public ulong Skip { get; set; }

        /// <summary>Most items written per query (-First); no further page is fetched once reached.</summary>
        public ulong First { get; set; } = ulong.MaxValue;
    }

    /// <summary>
    /// Follows has_more/page_token of one query and writes each page's items as it arrives, so memory holds one page.
    /// A failed page is one error whose target is the query's input; the items written before it stay written. A page
    /// token that comes back unchanged stops the walk with an error rather than looping.
    /// </summary>
    internal static class PageWalk
    {
        public static void Run<TPage>(IOperationSink sink, PagingOptions paging, string errorPrefix, ProgressInfo progress, string what, object target,
            Func<string?, IRequestLog, CancellationToken, Task<TPage>> fetch, Action<TPage>? onFirstPage = null) where TPage : class, IPage
        {
            ulong seen = 0, written = 0;
            string? token = null;
            var pages = 0;
            try
            {
                while (written < paging.First)
                {
                    var page = SinkCalls.Run(sink, (log, ct) => fetch(token, log, ct));
                    if (++pages == 1) onFirstPage?.Invoke(page);
                    foreach (var item in page.Items)
                    {
                        if (seen++ < paging.Skip) continue;
                        if (written >= paging.First) break;
                        sink.Emit(item);
                        written++;
                    }
                    sink.Progress(new ProgressInfo(progress.ActivityId, progress.Activity, $"{what}: page {pages}, {seen} item(s)", -1));
                    if (!page.HasMore) break;
                    if (page.PageToken == token)
                    {
                        sink.Fail(new OperationError(errorPrefix + "PagingStuck", ErrorKind.ServerError,
                            $"The {what} returned the same page_token twice; stopped after {pages} page(s) to avoid a loop.", target));
                        break;
                    }
                    token = page.PageToken;
                }
            }
            catch (ApiException ex) when (!FailurePolicy.EndsRun(ex))
            {
                sink.Fail(OperationError.FromApi(ex, target, $"{what} failed after {pages} page(s)"));
            }
            finally
            {
                sink.Progress(new ProgressInfo(progress.ActivityId, progress.Activity, $"{what}: {written} item(s)", 100, completed: true));
            }
        }
    }
}
