using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.Approval.Operations
{
    public sealed class SyncExternalInstanceOptions
    {
        /// <summary>UPDATE by default: it never deletes and never lets older data overwrite newer (see docs/feishu-approval.md).</summary>
        public UpdateMode Mode { get; set; } = UpdateMode.Update;

        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Number of items when known up front (for a progress percentage).</summary>
        public int? ExpectedTotal { get; set; }

        /// <summary>
        /// After syncing, check what was sent with the check API (in batches of <see cref="VerifyBatchSize"/>) and set
        /// <see cref="SyncResult.Verified"/>; results are then written when their batch has been checked.
        /// </summary>
        public bool Verify { get; set; }

        public int VerifyBatchSize { get; set; } = 50;

        /// <summary>Turns a host object into plain dictionaries/lists (the cmdlet's PSObject adapter); applied to items and to a diff's InputObject.</summary>
        public Func<object?, object?>? InputAdapter { get; set; }
    }

    /// <summary>
    /// Sync-ExternalInstance: per item, validate -> (UPDATE) in-run update_time check -> ShouldProcess -> (REPLACE)
    /// ShouldContinue -> send; then exactly one <see cref="SyncResult"/> or one error whose target is the input item.
    /// Items stream through a <see cref="ThrottledPump"/>; two items of the same instance are sent one after the other.
    /// With <see cref="SyncExternalInstanceOptions.Verify"/>, accepted instances are checked in batches with the check API
    /// and their results written with <see cref="SyncResult.Verified"/> set; NotApplied also writes a warning (not an
    /// error: the request succeeded, and every input still ends as exactly one result).
    /// </summary>
    public sealed class SyncExternalInstanceOperation : IStopReport
    {
        private const int ProgressId = 1;
        private readonly FeishuApprovalClient _client;
        private readonly IOperationSink _sink;
        private readonly SyncExternalInstanceOptions _options;
        private readonly ThrottledPump _pump;
        private readonly RunLedger _ledger = new RunLedger();
        private readonly Dictionary<string, Task> _lastSend = new Dictionary<string, Task>(StringComparer.Ordinal);
        private int _done;
        private int _sequence;
        private long _received;
        private readonly Dictionary<string, int> _latestSend = new Dictionary<string, int>(StringComparer.Ordinal);
        private List<PendingVerify> _verifyBatch = new List<PendingVerify>();
        private readonly Func<object?, object?> _adapt;

        /// <summary>Cleared for each item: items are prepared one at a time on the caller's thread.</summary>
        private readonly List<FieldViolation> _violations = new List<FieldViolation>();

        private sealed class PendingVerify
        {
            public PendingVerify(SyncResult result, ExternalInstance sent, int sequence)
            {
                Result = result;
                Sent = sent;
                Sequence = sequence;
            }

            public SyncResult Result { get; }
            public ExternalInstance Sent { get; }
            public int Sequence { get; }
        }

        public SyncExternalInstanceOperation(FeishuConnection connection, IOperationSink sink, SyncExternalInstanceOptions? options = null)
        {
            _client = connection.Client;
            _sink = sink;
            _options = options ?? new SyncExternalInstanceOptions();
            _pump = new ThrottledPump(sink, _options.ThrottleLimit);
            _adapt = ExternalInstanceInput.Guarded(_options.InputAdapter);
        }

        public void Process(object? item)
        {
            var index = _received++;
            _pump.Drain();
            var target = item;
            var input = Unwrap(_adapt(item), out var diff);
            if (diff != null) input = _adapt(input);
            if (diff != null && !diff.CanResync)
            {
                Fail(new OperationError("ExternalInstanceDiffNotResyncable", ErrorKind.InvalidArgument,
                    $"Cannot resync instance '{diff.InstanceId}' ({diff.Reason}): it was tested from an id + update_time + tasks record, which has no approval_code, status, links or i18n_resources to send. Pipe the full instances into Test-ExternalInstance to resync its diffs.",
                    target, new ArgumentException("The diff's input object is not a full instance.")));
                return;
            }

            var violations = _violations;
            violations.Clear();
            var prepared = ExternalInstanceInput.Prepare(input, _options.Mode, violations);
            if (prepared == null)
            {
                Fail(OperationError.Invalid("ExternalInstanceInvalid", ExternalInstanceInput.Describe(input, violations), target));
                return;
            }
            if (_options.Mode == UpdateMode.Update)
            {
                var conflicts = _ledger.Conflicts(prepared);
                if (conflicts.Count > 0)
                {
                    Fail(new OperationError("UpdateTimeNotIncreasing", ErrorKind.InvalidData,
                        $"Instance '{prepared.InstanceId}' was not sent: in UPDATE mode the server ignores an entity whose update_time did not grow, and " + string.Join("; ", conflicts) + ".",
                        target, new ArgumentException("update_time did not grow within this run."),
                        "Raise the update_time of what changed, leave unchanged tasks/cc out of the later item, or use -Mode Replace."));
                    return;
                }
            }

            var what = $"external instance '{prepared.InstanceId}' (approval {prepared.ApprovalCode})";
            var action = _options.Mode == UpdateMode.Replace
                ? "Sync (REPLACE: " + ReplaceDeletes.Describe(prepared.Instance) + ")"
                : "Sync (UPDATE: adds and updates what has a newer update_time)";
            if (!Confirmation.ShouldProcess(_sink, what, action, target)) return;
            if (_options.Mode == UpdateMode.Replace && !Confirmation.ShouldContinue(_sink, what,
                $"REPLACE overwrites {what} on the server: {ReplaceDeletes.Describe(prepared.Instance)}. Continue?", target))
            {
                _sink.Verbose($"Skipped {what}: REPLACE was not confirmed.");
                return;
            }
            if (_options.Mode == UpdateMode.Update) _ledger.Record(prepared);
            var sequence = ++_sequence;
            _latestSend[prepared.InstanceId] = sequence;
            Send(prepared, target, sequence, index);
        }

        public string? DescribeUnreported() =>
            StopReports.Describe(_pump.Unreported.Concat(_verifyBatch.Select(p => p.Result.InstanceId + " (sent, not yet verified)")).ToList(),
                "instance(s) sent whose results were not written (the server may have applied them)",
                "Run the same input again: UPDATE skips what the server already has; or check them with Test-ExternalInstance.");

        public void Complete()
        {
            _pump.Complete();
            while (_verifyBatch.Count > 0 || _pump.InFlight > 0)
            {
                FlushVerify();
                _pump.Complete();
            }
            _sink.Progress(new ProgressInfo(ProgressId, "Sync-ExternalInstance", $"{_done} instance(s) done", 100, completed: true));
        }

        private void Send(PreparedInstance instance, object? target, int sequence, long index)
        {
            var id = instance.InstanceId;
            _lastSend.TryGetValue(id, out var previous);
            var done = new TaskCompletionSource<bool>();
            _lastSend[id] = done.Task;
            _pump.Start(async ct =>
            {
                try
                {
                    if (previous != null) await previous.ConfigureAwait(false);
                    var answer = await _client.CreateAsync(instance.Body, _pump, ct).ConfigureAwait(false);
                    var result = new SyncResult
                    {
                        InstanceId = id,
                        ApprovalCode = answer.ApprovalCode ?? instance.ApprovalCode,
                        Mode = _options.Mode,
                        Status = answer.Status ?? instance.Status,
                        UpdateTime = instance.UpdateTime,
                        TaskCount = instance.TaskCount,
                        CcCount = instance.CcCount,
                        Answer = answer,
                        LogId = answer.LogId,
                        InputIndex = index,
                    };
                    if (_options.Verify) _pump.Post(_ => EnqueueVerify(new PendingVerify(result, instance.Instance, sequence)));
                    else _pump.Emit(result);
                }
                catch (ApiException ex) when (FailurePolicy.EndsRun(ex))
                {
                    _pump.EndRun(ex);
                }
                catch (ApiException ex)
                {
                    _pump.Fail(OperationError.FromApi(ex, target, $"Sync of instance '{id}' failed"));
                }
                finally
                {
                    done.TrySetResult(true);
                    _pump.Post(_ =>
                    {
                        Forget(id, done.Task, sequence);
                        Progressed();
                    });
                }
            }, id);
        }

        /// <summary>
        /// Drops the per-instance bookkeeping of a finished send (on the caller's thread), so memory holds only what is
        /// in flight or waiting for verification, not every instance of the run.
        /// </summary>
        private void Forget(string id, Task send, int sequence)
        {
            if (_lastSend.TryGetValue(id, out var last) && last == send) _lastSend.Remove(id);
            if (!_options.Verify && _latestSend.TryGetValue(id, out var latest) && latest == sequence) _latestSend.Remove(id);
        }

        private void EnqueueVerify(PendingVerify pending)
        {
            // One id once per check call, so each diff maps to one result.
            if (_verifyBatch.Any(p => p.Result.InstanceId == pending.Result.InstanceId)) FlushVerify();
            _verifyBatch.Add(pending);
            if (_verifyBatch.Count >= Math.Max(1, _options.VerifyBatchSize)) FlushVerify();
        }

        private void FlushVerify()
        {
            if (_verifyBatch.Count == 0) return;
            var batch = _verifyBatch;
            _verifyBatch = new List<PendingVerify>();
            _pump.Start(async ct =>
            {
                try
                {
                    var checks = batch.Select(p => CheckOf(p.Sent)).ToList();
                    var diffs = await _client.CheckAsync(checks, _pump, ct).ConfigureAwait(false);
                    var byId = diffs.Where(d => d.InstanceId != null).GroupBy(d => d.InstanceId!, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var pending = batch[i];
                        var check = checks[i];
                        byId.TryGetValue(pending.Result.InstanceId, out var wire);
                        _pump.Post(s => Verified(s, pending, check, wire));
                    }
                }
                catch (ApiException ex) when (FailurePolicy.EndsRun(ex))
                {
                    _pump.EndRun(ex);
                }
                catch (ApiException ex)
                {
                    foreach (var pending in batch)
                    {
                        _pump.Post(s =>
                        {
                            if (_latestSend.TryGetValue(pending.Result.InstanceId, out var latest) && latest == pending.Sequence) _latestSend.Remove(pending.Result.InstanceId);
                            pending.Result.Verified = VerifyState.Unknown;
                            s.Warning($"Instance '{pending.Result.InstanceId}' was synced, but verifying it failed: {ex.Message}");
                            s.Emit(pending.Result);
                        });
                    }
                }
            }, string.Join(", ", batch.Select(p => p.Result.InstanceId + " (sent, not yet verified)")));
        }

        /// <summary>Runs on the caller's thread, so the latest-send table is read safely.</summary>
        private void Verified(IOperationSink sink, PendingVerify pending, CheckInstance check, DiffInstanceWire? wire)
        {
            var result = pending.Result;
            var superseded = _latestSend.TryGetValue(result.InstanceId, out var latest) && latest != pending.Sequence;
            if (!superseded) _latestSend.Remove(result.InstanceId);
            if (superseded)
            {
                result.Verified = VerifyState.Superseded;
            }
            else if (wire == null)
            {
                result.Verified = VerifyState.Applied;
            }
            else
            {
                var diff = TestExternalInstanceOperation.Decode(wire, new PreparedCheck(check, true), pending.Sent);
                result.Verified = VerifyState.NotApplied;
                result.ServerUpdateTime = diff.ServerUpdateTime;
                result.VerifyDiff = diff;
                var tasks = diff.Tasks.Count == 0 ? string.Empty
                    : "; tasks " + string.Join(", ", diff.Tasks.Select(t => $"'{t.TaskId}' {t.Reason} (server {Time(t.ServerUpdateTime)}, sent {Time(t.LocalUpdateTime)})"));
                sink.Warning($"Instance '{result.InstanceId}' was accepted (code 0) but the server does not hold what was sent ({diff.Reason}): server update_time {Time(diff.ServerUpdateTime)}, sent {Time(diff.LocalUpdateTime)}{tasks}. "
                    + (_options.Mode == UpdateMode.Update
                        ? "In UPDATE mode Feishu silently ignores an instance, task or cc whose update_time did not grow: send a newer update_time, or repair with -Mode Replace."
                        : "Run Test-ExternalInstance on it and sync again."));
            }
            sink.Emit(result);
        }

        private static CheckInstance CheckOf(ExternalInstance sent) => new CheckInstance
        {
            InstanceId = sent.InstanceId,
            UpdateTime = sent.UpdateTime,
            Tasks = (sent.TaskList ?? new List<ExternalTask>()).Where(t => t.UpdateTime != null)
                .Select(t => new CheckTask { TaskId = t.TaskId, UpdateTime = t.UpdateTime }).ToList(),
        };

        private static string Time(DateTimeOffset? t) => t == null ? "none" : UnixMs.Format(t.Value);

        private void Progressed()
        {
            _done++;
            var total = _options.ExpectedTotal ?? 0;
            _sink.Progress(new ProgressInfo(ProgressId, "Sync-ExternalInstance",
                total > 0 ? $"{_done} of {total} instance(s)" : $"{_done} instance(s)", ProgressInfo.Percent(_done, total)));
        }

        private void Fail(OperationError error)
        {
            _sink.Fail(error);
            Progressed();
        }

        /// <summary>A diff from Test-ExternalInstance (typed, or re-imported as a dictionary) stands for its InputObject.</summary>
        internal static object? Unwrap(object? item, out ExternalInstanceDiff? diff)
        {
            diff = item as ExternalInstanceDiff;
            if (diff != null) return diff.InputObject;
            if (item is IDictionary<string, object?> map && !map.ContainsKey("instance_id") && map.ContainsKey("Reason")
                && map.TryGetValue("InputObject", out var inner))
            {
                return inner;
            }
            return item;
        }
    }
}
