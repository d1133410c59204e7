using System;
using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.Approval.Operations
{
    public sealed class TestExternalInstanceOptions
    {
        /// <summary>Instances per check call. 50 keeps each call small (the API documents no maximum).</summary>
        public int BatchSize { get; set; } = 50;

        /// <summary>The largest batch accepted; the check API's maximum is UNCONFIRMED, so 100 is assumed.</summary>
        public int MaxBatchSize { get; set; } = 100;

        public int ThrottleLimit { get; set; } = 4;

        public int? ExpectedTotal { get; set; }

        /// <summary>Turns a host object into plain dictionaries/lists (the cmdlet's PSObject adapter).</summary>
        public Func<object?, object?>? InputAdapter { get; set; }
    }

    /// <summary>
    /// Test-ExternalInstance: buffers items into check calls of BatchSize and writes one <see cref="ExternalInstanceDiff"/>
    /// per instance the server reports; in-sync instances write nothing. Invalid items and failed calls are errors whose
    /// target is the input item. Memory holds one batch plus the calls in flight.
    /// </summary>
    public sealed class TestExternalInstanceOperation
    {
        private const int ProgressId = 2;
        private readonly FeishuApprovalClient _client;
        private readonly IOperationSink _sink;
        private readonly TestExternalInstanceOptions _options;
        private readonly ThrottledPump _pump;
        private List<(PreparedCheck Check, object? Input)> _batch = new List<(PreparedCheck, object?)>();
        private int _checked;

        public TestExternalInstanceOperation(FeishuConnection connection, IOperationSink sink, TestExternalInstanceOptions? options = null)
        {
            _options = options ?? new TestExternalInstanceOptions();
            if (_options.BatchSize < 1 || _options.BatchSize > _options.MaxBatchSize)
                throw new ArgumentOutOfRangeException(nameof(options), $"BatchSize must be between 1 and {_options.MaxBatchSize} (got {_options.BatchSize}).");
            _client = connection.Client;
            _sink = sink;
            _pump = new ThrottledPump(sink, _options.ThrottleLimit);
        }

        public void Process(object? item)
        {
            _pump.Drain();
            var adapt = ExternalInstanceInput.Guarded(_options.InputAdapter);
            var plain = adapt(item);
            // A diff tests its InputObject again (e.g. after a resync); the diff written keeps the caller's original object.
            var input = plain is ExternalInstanceDiff diff ? diff.InputObject : item;
            if (plain is ExternalInstanceDiff) plain = adapt(input);
            var violations = new List<FieldViolation>();
            var prepared = ExternalInstanceInput.PrepareCheck(plain, violations);
            if (prepared == null)
            {
                _sink.Fail(OperationError.Invalid("ExternalInstanceInvalid", ExternalInstanceInput.Describe(plain, violations), item));
                return;
            }
            // One id once per call, so every diff maps back to exactly one input item.
            if (_batch.Any(b => b.Check.Check.InstanceId == prepared.Check.InstanceId)) Flush();
            _batch.Add((prepared, input));
            if (_batch.Count >= _options.BatchSize) Flush();
        }

        public void Complete()
        {
            Flush();
            _pump.Complete();
            _sink.Progress(new ProgressInfo(ProgressId, "Test-ExternalInstance", $"{_checked} instance(s) checked", 100, completed: true));
        }

        private void Flush()
        {
            if (_batch.Count == 0) return;
            var batch = _batch;
            _batch = new List<(PreparedCheck, object?)>();
            _pump.Start(async ct =>
            {
                try
                {
                    var diffs = await _client.CheckAsync(batch.Select(b => b.Check.Check).ToList(), _pump, ct).ConfigureAwait(false);
                    var byId = batch.ToDictionary(b => b.Check.Check.InstanceId!, StringComparer.Ordinal);
                    foreach (var wire in diffs)
                    {
                        if (wire.InstanceId != null && byId.TryGetValue(wire.InstanceId, out var entry)) _pump.Emit(Decode(wire, entry.Check, entry.Input));
                        else _pump.Post(s => s.Warning($"The check call reported instance '{wire.InstanceId}', which was not in the request; ignored."));
                    }
                }
                catch (ApiException ex) when (FailurePolicy.EndsRun(ex))
                {
                    _pump.EndRun(ex);
                }
                catch (ApiException ex)
                {
                    foreach (var b in batch) _pump.Fail(OperationError.FromApi(ex, b.Input, $"Check of instance '{b.Check.Check.InstanceId}' failed"));
                }
                finally
                {
                    _pump.Post(_ => Progressed(batch.Count));
                }
            });
        }

        private void Progressed(int count)
        {
            _checked += count;
            var total = _options.ExpectedTotal ?? 0;
            _sink.Progress(new ProgressInfo(ProgressId, "Test-ExternalInstance",
                total > 0 ? $"{_checked} of {total} instance(s) checked" : $"{_checked} instance(s) checked", ProgressInfo.Percent(_checked, total)));
        }

        /// <summary>The FAQ's four steps, read back from one diff_instances item.</summary>
        internal static ExternalInstanceDiff Decode(DiffInstanceWire wire, PreparedCheck local, object? input)
        {
            var localTasks = local.Check.Tasks.ToDictionary(t => t.TaskId!, t => t.UpdateTime, StringComparer.Ordinal);
            var tasks = (wire.Tasks ?? new List<CheckTask>()).Select(t => new ExternalTaskDiff
            {
                TaskId = t.TaskId ?? string.Empty,
                Reason = t.UpdateTime == null ? DiffReason.TaskMissing : DiffReason.TaskStale,
                LocalUpdateTime = t.TaskId != null && localTasks.TryGetValue(t.TaskId, out var mine) ? mine : null,
                ServerUpdateTime = t.UpdateTime,
            }).ToList();
            DiffReason reason;
            if (wire.UpdateTime == null && tasks.Count == 0) reason = DiffReason.InstanceMissing;
            else if (tasks.Any(t => t.Reason == DiffReason.TaskMissing)) reason = DiffReason.TaskMissing;
            else if (tasks.Count > 0) reason = DiffReason.TaskStale;
            else reason = DiffReason.InstanceStale;
            return new ExternalInstanceDiff
            {
                InstanceId = wire.InstanceId ?? string.Empty,
                Reason = reason,
                LocalUpdateTime = local.Check.UpdateTime,
                ServerUpdateTime = wire.UpdateTime,
                Tasks = tasks,
                CanResync = local.IsFullInstance,
                InputObject = input,
            };
        }
    }
}
