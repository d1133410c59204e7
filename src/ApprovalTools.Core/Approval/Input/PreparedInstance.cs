using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Input
{
    /// <summary>
    /// An input item turned into a validated sync request: the body, and what a sync reads of it (id, code, status,
    /// times) straight from what the writer read. The typed <see cref="Instance"/> is read from the body only when
    /// asked for (REPLACE's question, -Verify, Clear-ExternalInstance): a plain UPDATE never builds it.
    /// </summary>
    public sealed class PreparedInstance
    {
        private readonly WireRecord _wire;
        private ExternalInstance? _instance;

        internal PreparedInstance(WireRecord wire, byte[] body)
        {
            _wire = wire;
            Body = body;
        }

        /// <summary>The instance as the body states it (read from <see cref="Body"/> on first use).</summary>
        public ExternalInstance Instance => LazyInitializer.EnsureInitialized(ref _instance,
            () => JsonSerializer.Deserialize(Body, ApprovalJsonContext.Default.ExternalInstance)!)!;

        /// <summary>The create request body: the wire JSON as normalized from the input (update_mode set), UTF-8, serialized once.</summary>
        public byte[] Body { get; }

        public string InstanceId => _wire.Text("instance_id")!;

        public string ApprovalCode => _wire.Text("approval_code")!;

        public InstanceStatus Status => (InstanceStatus)Enum.Parse(typeof(InstanceStatus), _wire.Text("status")!, ignoreCase: true);

        public DateTimeOffset UpdateTime => UnixMs.ToTime(Ms(_wire.Text("update_time"))!.Value);

        public int TaskCount => _wire.List("task_list").Count;

        public int CcCount => _wire.List("cc_list").Count;

        /// <summary>The (task or cc) entities sent with an update_time, as the run ledger records them: kind 't' or 'c', id, milliseconds.</summary>
        internal IEnumerable<(char Kind, string Id, long Ms)> Entities()
        {
            foreach (var task in _wire.List("task_list"))
            {
                var ms = Ms(task.Text("update_time"));
                if (ms != null) yield return ('t', task.Text("task_id")!, ms.Value);
            }
            foreach (var cc in _wire.List("cc_list")) yield return ('c', cc.Text("cc_id")!, Ms(cc.Text("update_time"))!.Value);
        }

        private static long? Ms(string? text) => UnixMs.TryParse(text, out var ms) ? ms : (long?)null;
    }
}
