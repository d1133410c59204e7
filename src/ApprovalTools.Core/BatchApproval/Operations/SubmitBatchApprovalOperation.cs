using System;
using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Operations;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.BatchApproval.Operations
{
    /// <summary>
    /// Submit-BatchApproval. Streams task ids: they are deduplicated, checked for support in chunks of at most
    /// 200 (_check), and the supported ones submitted in chunks of at most 200 (_submit, one ShouldProcess per
    /// chunk). Each submitted chunk is one <see cref="ApprovalBatch"/>; with Wait its progress is followed to the end.
    /// Every distinct input id ends as exactly one of: approved (in a batch), unsupported, failed (closed or
    /// deleted), invalid, or outcome unknown — the last four as error records whose target is the task id.
    /// </summary>
    public sealed class SubmitBatchApprovalOperation : IStopReport
    {
        private readonly BatchApprovalClient _client;
        private readonly SubmitBatchApprovalOptions _options;
        private readonly IOperationSink _sink;
        private readonly TaskIdIntake _intake;
        private readonly List<string> _toCheck = new List<string>();
        private readonly List<string> _toSubmit = new List<string>();
        private readonly List<ApprovalBatch> _submitted = new List<ApprovalBatch>();
        private int _chunks;
        private int _unsupported;
        private int _submittedTasks;

        public SubmitBatchApprovalOperation(BatchApprovalConnection connection, SubmitBatchApprovalOptions options, IOperationSink sink)
        {
            if (string.IsNullOrWhiteSpace(options.UserId)) throw new ArgumentException("UserId is required: the user on whose behalf the tasks are approved.", nameof(options));
            _client = connection.Client;
            _options = options;
            _sink = sink;
            _intake = new TaskIdIntake(options.InputAdapter);
        }

        /// <summary>One input item: a task id string, or an object/dictionary with TaskId, task_id or Id.</summary>
        public void Add(object? input)
        {
            _sink.Cancellation.ThrowIfCancellationRequested();
            var id = _intake.Accept(input, _sink);
            if (id == null) return;
            if (_options.SkipCheck)
            {
                Queue(id);
                return;
            }
            _toCheck.Add(id);
            if (_toCheck.Count == BatchLimits.MaxTaskIdsPerCall) CheckChunk();
        }

        /// <summary>End of input: flushes the last chunks, then waits if asked.</summary>
        public void Complete()
        {
            if (_toCheck.Count > 0) CheckChunk();
            if (_toSubmit.Count > 0) SubmitChunk();
            _intake.WarnAboutDuplicates(_sink);
            _sink.Verbose($"{_intake.Received} input items: {_intake.Duplicates} duplicates dropped, {_intake.Invalid} invalid, {_unsupported} unsupported, "
                + $"{_submittedTasks} tasks submitted in {_submitted.Count} batches.");
            if (_options.Wait) new BatchProgressWaiter(_client, _options.WaitOptions, _sink).Wait(_submitted);
        }

        private void CheckChunk()
        {
            var ids = _toCheck.ToArray();
            _toCheck.Clear();
            IReadOnlyList<BatchCheckEntry> answer;
            try
            {
                answer = SinkCalls.Run(_sink, (log, ct) => _client.CheckAsync(_options.UserId, ids, log, ct));
            }
            catch (ApiException ex) when (!FailurePolicy.EndsRun(ex))
            {
                foreach (var id in ids) _sink.Fail(BatchErrors.CheckFailed(ex, id));
                return;
            }
            for (var i = 0; i < ids.Length; i++)
            {
                if (answer[i].Supported == true)
                {
                    Queue(ids[i]);
                }
                else
                {
                    _unsupported++;
                    _sink.Fail(BatchErrors.Unsupported(ids[i], _options.UserId, answer[i].Reason));
                }
            }
        }

        private void Queue(string id)
        {
            _toSubmit.Add(id);
            if (_toSubmit.Count == BatchLimits.MaxTaskIdsPerCall) SubmitChunk();
        }

        private void SubmitChunk()
        {
            var ids = _toSubmit.ToArray();
            _toSubmit.Clear();
            var chunk = ++_chunks;
            bool confirmed;
            try
            {
                confirmed = _sink.ShouldProcess($"user {_options.UserId}: {BatchErrors.Describe(ids)}", "Submit batch approval");
            }
            catch (ConfirmationUnavailableException ex)
            {
                foreach (var id in ids) _sink.Fail(Confirmation.NotPossible(ex, id));
                return;
            }
            if (!confirmed)
            {
                _sink.Verbose($"Chunk {chunk} ({ids.Length} tasks) was not submitted (declined).");
                return;
            }
            string number;
            try
            {
                number = SinkCalls.Run(_sink, (log, ct) => _client.SubmitAsync(_options.UserId, ids, log, ct));
            }
            catch (ApiException ex) when (!FailurePolicy.EndsRun(ex))
            {
                if (ex.Kind == ErrorKind.OutcomeUnknown)
                {
                    _sink.Warning($"Submit chunk {chunk} has an unknown outcome and was not sent again. The server may have approved any of its tasks, "
                        + $"and its progress cannot be read without the batch number the lost answer carried; check these {ids.Length} tasks in the approval application before resubmitting: {string.Join(", ", ids)}");
                }
                foreach (var id in ids) _sink.Fail(BatchErrors.SubmitFailed(ex, id, chunk, ids.Length));
                return;
            }
            var batch = new ApprovalBatch(_options.UserId, number, ids, DateTimeOffset.UtcNow);
            _submittedTasks += ids.Length;
            _sink.Verbose($"Chunk {chunk}: {ids.Length} tasks submitted as batch {number} (user {_options.UserId}).");
            _submitted.Add(batch);
            if (_options.Wait) return;
            _sink.Emit(batch);
            batch.Reported = true;
        }

        /// <summary>After Ctrl+C: the batches the server accepted that were not written yet (it approves them anyway).</summary>
        public string? DescribeUnreported()
        {
            var numbers = _submitted.Where(b => !b.Reported).Select(b => b.BatchNumber).ToList();
            return StopReports.Describe(numbers, $"batch(es) accepted by the server and still being approved there (user {_options.UserId})",
                $"Follow them: '{string.Join("', '", numbers)}' | ForEach-Object {{ Get-BatchApprovalProgress -UserId '{_options.UserId}' -BatchNumber $_ -Wait }}");
        }
    }
}
