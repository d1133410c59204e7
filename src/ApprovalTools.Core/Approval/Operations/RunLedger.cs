using System;
using System.Collections.Generic;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Operations
{
    /// <summary>
    /// The update_times already sent in this run (UPDATE mode), per instance, task and cc. The server skips an entity
    /// whose update_time did not grow without saying so; catching it here turns that silent drop into an error.
    /// </summary>
    /// <remarks>
    /// A sync run may stream millions of instances, so the ledger is compact and bounded: one 64-bit hash of
    /// (kind, instance id, entity id) per entity, in two generations of 16-byte slots (<see cref="LedgerGeneration"/>);
    /// when the newer one holds half of <see cref="MaxEntries"/> the older is cleared and becomes the newer. Repeats within
    /// the last 50,000 entities (about 12,000 instances of a few tasks each) are always caught; the ledger never holds
    /// more than 2 MB and, once both generations have filled, allocates nothing more however long the run, so a pwsh
    /// session streaming 100,000 instances leaves no garbage on the large object heap (bench pwsh, memory). A hash
    /// collision can only cause a false "not greater" error.
    /// </remarks>
    internal sealed class RunLedger
    {
        private LedgerGeneration _current;
        private LedgerGeneration _previous;

        public RunLedger()
            : this(100_000)
        {
        }

        public RunLedger(int maxEntries)
        {
            MaxEntries = Math.Max(2, maxEntries);
            _current = new LedgerGeneration(MaxEntries / 2);
            _previous = new LedgerGeneration(MaxEntries / 2);
        }

        public int MaxEntries { get; }

        public int Count => _current.Count + _previous.Count;

        /// <summary>Every entity of <paramref name="instance"/> whose update_time is not greater than one sent earlier in this run.</summary>
        public List<string> Conflicts(PreparedInstance instance) => Conflicts(instance.InstanceId, UnixMs.ToMs(instance.UpdateTime), instance.Entities());

        public List<string> Conflicts(ExternalInstance instance) => Conflicts(instance.InstanceId!, UnixMs.ToMs(instance.UpdateTime), Entities(instance));

        public void Record(PreparedInstance instance) => Record(instance.InstanceId, UnixMs.ToMs(instance.UpdateTime), instance.Entities());

        public void Record(ExternalInstance instance) => Record(instance.InstanceId!, UnixMs.ToMs(instance.UpdateTime), Entities(instance));

        private List<string> Conflicts(string id, long ms, IEnumerable<(char Kind, string Id, long Ms)> entities)
        {
            var conflicts = new List<string>();
            Compare(conflicts, Key('i', id, string.Empty), 'i', id, ms);
            foreach (var e in entities) Compare(conflicts, Key(e.Kind, id, e.Id), e.Kind, e.Id, e.Ms);
            return conflicts;
        }

        private void Record(string id, long ms, IEnumerable<(char Kind, string Id, long Ms)> entities)
        {
            Remember(Key('i', id, string.Empty), ms);
            foreach (var e in entities) Remember(Key(e.Kind, id, e.Id), e.Ms);
        }

        private static IEnumerable<(char Kind, string Id, long Ms)> Entities(ExternalInstance instance)
        {
            foreach (var task in instance.TaskList ?? new List<ExternalTask>())
            {
                if (task.UpdateTime != null) yield return ('t', task.TaskId!, UnixMs.ToMs(task.UpdateTime.Value));
            }
            foreach (var cc in instance.CcList ?? new List<ExternalCc>()) yield return ('c', cc.CcId!, UnixMs.ToMs(cc.UpdateTime));
        }

        private bool TryGet(ulong key, out long sentMs) => _current.TryGet(key, out sentMs) || _previous.TryGet(key, out sentMs);

        private void Remember(ulong key, long ms)
        {
            if (TryGet(key, out var sent) && sent >= ms) ms = sent;
            if (_current.TrySet(key, ms)) return;
            var dropped = _previous;
            dropped.Clear();
            _previous = _current;
            _current = dropped;
            _current.TrySet(key, ms);
        }

        private void Compare(List<string> conflicts, ulong key, char kind, string id, long nowMs)
        {
            if (!TryGet(key, out var sentMs)) return;
            if (nowMs <= sentMs)
            {
                var what = (kind == 'i' ? "instance" : kind == 't' ? "task" : "cc") + " '" + id + "'";
                var now = UnixMs.ToTime(nowMs);
                conflicts.Add($"{what} has update_time {nowMs} ({now.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z), not greater than {sentMs} ({UnixMs.ToTime(sentMs).UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z) sent earlier in this run");
            }
        }

        /// <summary>FNV-1a over kind, instance id and entity id, with separators so ("ab","c") and ("a","bc") differ.</summary>
        private static ulong Key(char kind, string instanceId, string entityId)
        {
            var hash = 14695981039346656037UL;
            hash = Mix(hash, kind);
            foreach (var c in instanceId) hash = Mix(hash, c);
            hash = Mix(hash, '\0');
            foreach (var c in entityId) hash = Mix(hash, c);
            return hash;
        }

        private static ulong Mix(ulong hash, char c)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            return (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }
    }
}
