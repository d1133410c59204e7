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
    /// (kind, instance id, entity id) per entity (about 30 bytes instead of a dictionary per instance), in two
    /// generations; when the newer one reaches half of <see cref="MaxEntries"/> the older is dropped. Repeats within
    /// the last 50,000 entities (about 12,000 instances of a few tasks each) are always caught, and the ledger never holds
    /// more than about 3 MB, so a pwsh session streaming 100,000 instances stays within 20 MB of where it started (bench
    /// pwsh); a hash collision can only cause a false "not greater" error.
    /// </remarks>
    internal sealed class RunLedger
    {
        private Dictionary<ulong, long> _current = new Dictionary<ulong, long>();
        private Dictionary<ulong, long> _previous = new Dictionary<ulong, long>();

        public RunLedger()
            : this(100_000)
        {
        }

        public RunLedger(int maxEntries) => MaxEntries = Math.Max(2, maxEntries);

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

        private bool TryGet(ulong key, out long sentMs) => _current.TryGetValue(key, out sentMs) || _previous.TryGetValue(key, out sentMs);

        private void Remember(ulong key, long ms)
        {
            if (TryGet(key, out var sent) && sent >= ms) ms = sent;
            if (!_current.ContainsKey(key) && _current.Count >= MaxEntries / 2)
            {
                _previous = _current;
                _current = new Dictionary<ulong, long>();
            }
            _current[key] = ms;
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
