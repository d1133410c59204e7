using System;
using System.Collections.Generic;
using ApprovalTools.Core.Operations;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.BatchApproval.Operations
{
    /// <summary>
    /// Get-BatchApprovalProgress: the progress of batches given as objects or as user id + batch number, so a
    /// batch submitted in a session that has since ended can be followed again. Without Wait each batch is read
    /// once and emitted (a copy: the caller's object is not changed); with Wait they are followed to the end like
    /// Submit-BatchApproval -Wait does. A finished batch also yields one error per failed task.
    /// </summary>
    public sealed class GetBatchApprovalProgressOperation
    {
        private readonly BatchApprovalClient _client;
        private readonly IOperationSink _sink;
        private readonly bool _wait;
        private readonly BatchWaitOptions _waitOptions;
        private readonly List<ApprovalBatch> _batches = new List<ApprovalBatch>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);

        public GetBatchApprovalProgressOperation(BatchApprovalConnection connection, bool wait, BatchWaitOptions? waitOptions, IOperationSink sink)
        {
            _client = connection.Client;
            _wait = wait;
            _waitOptions = waitOptions ?? new BatchWaitOptions();
            _sink = sink;
        }

        /// <summary>Follows a copy of <paramref name="batch"/>; errors name <paramref name="input"/> (default: the batch given).</summary>
        public void Add(ApprovalBatch batch, object? input = null)
        {
            var copy = batch.Copy();
            copy.Input = input ?? batch;
            Follow(copy);
        }

        /// <summary>Follows the batch <paramref name="batchNumber"/> of <paramref name="userId"/>; errors name <paramref name="input"/>.</summary>
        public void Add(string? userId, string? batchNumber, object? input = null)
        {
            if (string.IsNullOrWhiteSpace(userId) || string.IsNullOrWhiteSpace(batchNumber))
            {
                var field = string.IsNullOrWhiteSpace(userId) ? "UserId" : "BatchNumber";
                _sink.Fail(OperationError.Invalid("BatchProgressInputInvalid", $"{field} is empty; both UserId and BatchNumber are required to read a batch's progress.",
                    input ?? (string.IsNullOrWhiteSpace(batchNumber) ? (object?)userId ?? string.Empty : batchNumber)));
                return;
            }
            var batch = new ApprovalBatch(userId!.Trim(), batchNumber!.Trim()) { Input = input };
            Follow(batch);
        }

        public void Complete()
        {
            if (_wait) new BatchProgressWaiter(_client, _waitOptions, _sink).Wait(_batches);
        }

        private void Follow(ApprovalBatch batch)
        {
            _sink.Cancellation.ThrowIfCancellationRequested();
            if (!_seen.Add(batch.UserId + "\n" + batch.BatchNumber))
            {
                _sink.Verbose($"Batch {batch.BatchNumber} (user {batch.UserId}) was given more than once; it is read once.");
                return;
            }
            if (_wait)
            {
                _batches.Add(batch);
                return;
            }
            BatchProgress progress;
            try
            {
                progress = SinkCalls.Run(_sink, (log, ct) => _client.GetProgressAsync(batch.UserId, batch.BatchNumber, log, ct));
            }
            catch (ApiException ex) when (!FailurePolicy.EndsRun(ex))
            {
                _sink.Fail(BatchErrors.ProgressFailed(ex, batch));
                return;
            }
            batch.Update(progress, DateTimeOffset.UtcNow);
            if (batch.IsFinished) BatchProgressWaiter.Report(_sink, batch, progress);
            else _sink.Emit(batch);
        }
    }
}
