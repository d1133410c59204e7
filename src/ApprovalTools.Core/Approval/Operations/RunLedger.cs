using System;
using System.Collections.Generic;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Operations
{
    /// <summary>
    /// The update_times already sent in this run (UPDATE mode), per instance, task and cc. The server skips an entity
    /// whose update_time did not grow without saying so; catching it here turns that silent drop into an error.
    /// </summary>
    internal sealed class RunLedger
    {
        private sealed class Entry
        {
            public long Instance;
            public readonly Dictionary<string, long> Tasks = new Dictionary<string, long>(StringComparer.Ordinal);
            public readonly Dictionary<string, long> Ccs = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        private readonly Dictionary<string, Entry> _sent = new Dictionary<string, Entry>(StringComparer.Ordinal);

        /// <summary>Every entity of <paramref name="instance"/> whose update_time is not greater than one sent earlier in this run.</summary>
        public List<string> Conflicts(ExternalInstance instance)
        {
            var conflicts = new List<string>();
            if (!_sent.TryGetValue(instance.InstanceId!, out var entry)) return conflicts;
            Compare(conflicts, $"instance '{instance.InstanceId}'", entry.Instance, instance.UpdateTime);
            foreach (var task in instance.TaskList ?? new List<ExternalTask>())
            {
                if (task.UpdateTime != null && entry.Tasks.TryGetValue(task.TaskId!, out var sent)) Compare(conflicts, $"task '{task.TaskId}'", sent, task.UpdateTime.Value);
            }
            foreach (var cc in instance.CcList ?? new List<ExternalCc>())
            {
                if (entry.Ccs.TryGetValue(cc.CcId!, out var sent)) Compare(conflicts, $"cc '{cc.CcId}'", sent, cc.UpdateTime);
            }
            return conflicts;
        }

        public void Record(ExternalInstance instance)
        {
            if (!_sent.TryGetValue(instance.InstanceId!, out var entry)) _sent[instance.InstanceId!] = entry = new Entry();
            entry.Instance = Math.Max(entry.Instance, UnixMs.ToMs(instance.UpdateTime));
            foreach (var task in instance.TaskList ?? new List<ExternalTask>())
            {
                if (task.UpdateTime != null) entry.Tasks[task.TaskId!] = Math.Max(entry.Tasks.TryGetValue(task.TaskId!, out var t) ? t : 0, UnixMs.ToMs(task.UpdateTime.Value));
            }
            foreach (var cc in instance.CcList ?? new List<ExternalCc>())
            {
                entry.Ccs[cc.CcId!] = Math.Max(entry.Ccs.TryGetValue(cc.CcId!, out var c) ? c : 0, UnixMs.ToMs(cc.UpdateTime));
            }
        }

        private static void Compare(List<string> conflicts, string what, long sentMs, DateTimeOffset now)
        {
            var nowMs = UnixMs.ToMs(now);
            if (nowMs <= sentMs)
            {
                conflicts.Add($"{what} has update_time {nowMs} ({now.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z), not greater than {sentMs} ({UnixMs.ToTime(sentMs).UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z) sent earlier in this run");
            }
        }
    }
}
