using System;
using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.Approval.Operations
{
    public sealed class ClearExternalInstanceOptions
    {
        /// <summary>links.pc_link of the cleared instance (required by the API; nobody can open it afterwards).</summary>
        public string PcLink { get; set; } = ClearPayload.DefaultPcLink;

        public int ThrottleLimit { get; set; } = 4;

        /// <summary>The clock for start/end/update_time of the payload (tests fix it).</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Turns a host object into plain dictionaries/lists (the cmdlet's PSObject adapter).</summary>
        public Func<object?, object?>? InputAdapter { get; set; }
    }

    /// <summary>
    /// The FAQ's purge recipe as a minimal valid sync request: REPLACE, status APPROVED, no user_id/open_id (the
    /// instance then belongs to nobody), no task_list/cc_list (REPLACE deletes all of them), links.pc_link and one
    /// default locale because the API requires them, start/end/update_time = now (REPLACE does not compare
    /// update_time, and a later UPDATE from the source system carrying an older update_time is then ignored).
    /// </summary>
    public static class ClearPayload
    {
        public const string DefaultPcLink = "https://open.feishu.cn/";

        public static Dictionary<string, object?> Build(string approvalCode, string instanceId, DateTimeOffset now, string pcLink)
        {
            var ms = UnixMs.Format(now);
            return new Dictionary<string, object?>
            {
                ["approval_code"] = approvalCode,
                ["instance_id"] = instanceId,
                ["status"] = "APPROVED",
                ["links"] = new Dictionary<string, object?> { ["pc_link"] = pcLink },
                ["start_time"] = ms,
                ["end_time"] = ms,
                ["update_time"] = ms,
                ["i18n_resources"] = new List<object?>
                {
                    new Dictionary<string, object?> { ["locale"] = "zh-CN", ["is_default"] = true, ["texts"] = new List<object?>() },
                },
            };
        }
    }

    /// <summary>
    /// Clear-ExternalInstance: per input (anything with ApprovalCode + InstanceId, e.g. Get-ApprovalTask output),
    /// dedupe by approval code + instance id within the run (several tasks of one instance arrive; repeats are skipped
    /// with a verbose line), ShouldProcess once per instance (so -WhatIf lists exactly what would be cleared), then the
    /// purge request (<see cref="ClearPayload"/>), validated by the same validator as every sync. One
    /// <see cref="SyncResult"/> (Mode Replace, Status Approved, ProcessRecord with the deleted counts) or one error per instance.
    /// </summary>
    public sealed class ClearExternalInstanceOperation : IStopReport
    {
        private long _received;
        private const int ProgressId = 4;
        private readonly FeishuApprovalClient _client;
        private readonly IOperationSink _sink;
        private readonly ClearExternalInstanceOptions _options;
        private readonly ThrottledPump _pump;
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private int _done;

        public ClearExternalInstanceOperation(FeishuConnection connection, IOperationSink sink, ClearExternalInstanceOptions? options = null)
        {
            _client = connection.Client;
            _sink = sink;
            _options = options ?? new ClearExternalInstanceOptions();
            _pump = new ThrottledPump(sink, _options.ThrottleLimit);
        }

        /// <summary>Explicit values (the cmdlet's -ApprovalCode/-InstanceId); <paramref name="target"/> is the input item.</summary>
        public void Process(string? approvalCode, string? instanceId, object? target)
        {
            var index = _received++;
            _pump.Drain();
            var violations = new List<FieldViolation>();
            if (string.IsNullOrWhiteSpace(approvalCode)) violations.Add(new FieldViolation("approval_code", "required (ApprovalCode: the approval definition code; Get-ApprovalTask gives it)"));
            if (string.IsNullOrWhiteSpace(instanceId)) violations.Add(new FieldViolation("instance_id", "required (InstanceId: the third-party instance id; empty on tasks of Feishu's own approvals, which cannot be cleared this way)"));
            if (violations.Count > 0)
            {
                _sink.Fail(OperationError.Invalid("ClearTargetInvalid",
                    $"Cannot clear: {string.Join("; ", violations.Select(v => v.ToString()))}. Nothing was sent.", target));
                return;
            }
            if (!_seen.Add(approvalCode + "\n" + instanceId))
            {
                _sink.Verbose($"Instance '{instanceId}' (approval {approvalCode}) is already cleared in this run; skipped.");
                return;
            }

            var payload = ClearPayload.Build(approvalCode!, instanceId!, _options.Clock(), _options.PcLink);
            var prepared = ExternalInstanceInput.Prepare(payload, UpdateMode.Replace, violations);
            if (prepared == null)
            {
                _sink.Fail(OperationError.Invalid("ClearTargetInvalid", ExternalInstanceInput.Describe(payload, violations), target));
                return;
            }
            var what = $"external instance '{instanceId}' (approval {approvalCode})";
            if (!Confirmation.ShouldProcess(_sink, what, "Clear (REPLACE with status APPROVED and no user: all its tasks and cc entries are deleted and nobody sees it again; irreversible)", target)) return;
            Send(prepared.Instance, target, index);
        }

        public string? DescribeUnreported() =>
            StopReports.Describe(_pump.Unreported, "instance(s) sent for clearing whose results were not written (the server may have cleared them)",
                "Check them with Get-ApprovalTask, or clear them again: clearing twice is harmless.");

        public void Complete()
        {
            _pump.Complete();
            _sink.Progress(new ProgressInfo(ProgressId, "Clear-ExternalInstance", $"{_done} instance(s) cleared", 100, completed: true));
        }

        private void Send(ExternalInstance instance, object? target, long index)
        {
            _pump.Start(async ct =>
            {
                try
                {
                    var answer = await _client.CreateAsync(instance, _pump, ct).ConfigureAwait(false);
                    _pump.Emit(new SyncResult
                    {
                        InstanceId = instance.InstanceId!,
                        ApprovalCode = instance.ApprovalCode,
                        Mode = UpdateMode.Replace,
                        Status = InstanceStatus.Approved,
                        UpdateTime = instance.UpdateTime,
                        Answer = answer,
                        LogId = answer.LogId,
                        InputIndex = index,
                    });
                }
                catch (ApiException ex) when (FailurePolicy.EndsRun(ex))
                {
                    _pump.EndRun(ex);
                }
                catch (ApiException ex)
                {
                    _pump.Fail(OperationError.FromApi(ex, target, $"Clearing instance '{instance.InstanceId}' failed"));
                }
                finally
                {
                    _pump.Post(s =>
                    {
                        _done++;
                        s.Progress(new ProgressInfo(ProgressId, "Clear-ExternalInstance", $"{_done} instance(s) cleared"));
                    });
                }
            }, instance.InstanceId);
        }
    }
}
