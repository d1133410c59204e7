using System;
using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Operations;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.BatchApproval.Operations
{
    /// <summary>
    /// Polls the progress of several batches until each has processed == total, showing one progress bar over
    /// all of them. A finished batch is reported at once (the batch object, then one error per failed task); a
    /// batch whose progress cannot be read is reported as an error with the batch as target. Ctrl+C stops the
    /// wait promptly: the batches keep running on the server and can be followed again by number.
    /// </summary>
    internal sealed class BatchProgressWaiter
    {
        /// <summary>The Write-Progress activity id of the batch approval bar.</summary>
        public const int ActivityId = 2002;

        private readonly BatchApprovalClient _client;
        private readonly BatchWaitOptions _options;
        private readonly IOperationSink _sink;

        internal BatchProgressWaiter(BatchApprovalClient client, BatchWaitOptions options, IOperationSink sink)
        {
            _client = client;
            _options = options;
            _sink = sink;
        }

        public void Wait(IReadOnlyList<ApprovalBatch> batches)
        {
            if (batches.Count == 0) return;
            var pending = batches.ToList();
            var delay = _options.PollInterval;
            long lastProcessed = -1;
            var activity = "Batch approval (" + batches.Count + (batches.Count == 1 ? " batch)" : " batches)");
            var finishedNormally = false;
            try
            {
                while (true)
                {
                    foreach (var batch in pending.ToList())
                    {
                        if (Poll(batch)) pending.Remove(batch);
                    }
                    long total = 0, processed = 0, failed = 0;
                    foreach (var batch in batches)
                    {
                        var batchTotal = batch.Total ?? batch.TaskIds.Length;
                        total += batchTotal;
                        processed += Math.Min(batch.Processed ?? 0, batchTotal);
                        failed += batch.FailedCount;
                    }
                    var status = $"{processed} of {total} tasks processed, {failed} failed; {pending.Count} of {batches.Count} batches running";
                    _sink.Progress(new ProgressInfo(ActivityId, activity, status, ProgressInfo.Percent(processed, total)));
                    if (pending.Count == 0) break;

                    delay = processed != lastProcessed ? _options.PollInterval
                        : TimeSpan.FromTicks(Math.Min(_options.MaxPollInterval.Ticks, (long)(delay.Ticks * Math.Max(1.0, _options.Backoff))));
                    lastProcessed = processed;
                    _options.Sleep(delay, _sink.Cancellation);
                }
                finishedNormally = true;
            }
            finally
            {
                if (finishedNormally || !_sink.Cancellation.IsCancellationRequested)
                {
                    _sink.Progress(new ProgressInfo(ActivityId, activity, "Done", 100, completed: true));
                }
            }
        }

        /// <summary>Reads one batch's progress; true when the batch needs no more polling (finished or unreadable).</summary>
        private bool Poll(ApprovalBatch batch)
        {
            BatchProgress progress;
            try
            {
                progress = SinkCalls.Run(_sink, (log, ct) => _client.GetProgressAsync(batch.UserId, batch.BatchNumber, log, ct));
            }
            catch (ApiException ex) when (!FailurePolicy.EndsRun(ex))
            {
                _sink.Fail(BatchErrors.ProgressFailed(ex, batch));
                return true;
            }
            batch.Update(progress, DateTimeOffset.UtcNow);
            if (!batch.IsFinished) return false;
            Report(_sink, batch, progress);
            return true;
        }

        /// <summary>A finished batch: the object, then one error record per failed task.</summary>
        public static void Report(IOperationSink sink, ApprovalBatch batch, BatchProgress progress)
        {
            sink.Emit(batch);
            batch.Reported = true;
            foreach (var task in progress.FailedTasks) sink.Fail(BatchErrors.TaskFailed(batch, task));
        }
    }
}
