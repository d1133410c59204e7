using System;
using System.Collections.Generic;
using ApprovalTools.Core.Operations;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.BatchApproval.Operations
{
    /// <summary>
    /// Test-BatchApproval: the support check alone, in chunks of at most 200, one <see cref="BatchTaskSupport"/>
    /// per distinct task id (unsupported tasks are objects here, not errors: this command's answer is the check).
    /// </summary>
    public sealed class TestBatchApprovalOperation
    {
        private readonly BatchApprovalClient _client;
        private readonly string _userId;
        private readonly IOperationSink _sink;
        private readonly TaskIdIntake _intake;
        private readonly List<string> _pending = new List<string>();

        public TestBatchApprovalOperation(BatchApprovalConnection connection, string userId, IOperationSink sink, Func<object?, object?>? inputAdapter = null)
        {
            _intake = new TaskIdIntake(inputAdapter);
            if (string.IsNullOrWhiteSpace(userId)) throw new ArgumentException("UserId is required.", nameof(userId));
            _client = connection.Client;
            _userId = userId;
            _sink = sink;
        }

        public void Add(object? input)
        {
            _sink.Cancellation.ThrowIfCancellationRequested();
            var id = _intake.Accept(input, _sink);
            if (id == null) return;
            _pending.Add(id);
            if (_pending.Count == BatchLimits.MaxTaskIdsPerCall) Flush();
        }

        public void Complete()
        {
            if (_pending.Count > 0) Flush();
            _intake.WarnAboutDuplicates(_sink);
        }

        private void Flush()
        {
            var ids = _pending.ToArray();
            _pending.Clear();
            IReadOnlyList<BatchCheckEntry> answer;
            try
            {
                answer = SinkCalls.Run(_sink, (log, ct) => _client.CheckAsync(_userId, ids, log, ct));
            }
            catch (ApiException ex) when (!FailurePolicy.EndsRun(ex))
            {
                foreach (var id in ids) _sink.Fail(OperationError.FromApi(ex, id, $"Support check for task {id} failed"));
                return;
            }
            for (var i = 0; i < ids.Length; i++)
            {
                var supported = answer[i].Supported == true;
                _sink.Emit(new BatchTaskSupport(_userId, ids[i], supported, supported ? null : answer[i].Reason ?? string.Empty));
            }
        }
    }
}
