using System.Reflection;
using System.Runtime.CompilerServices;
using ApprovalTools.Bench.Support;
using ApprovalTools.Core.Approval.Operations;

namespace ApprovalTools.Bench.Approval
{
    /// <summary>
    /// Diagnosis only: after a run, splits what a SyncExternalInstanceOperation still holds between its two per-run
    /// maps (private fields <c>_lastSend</c>, instance id → last send task, and <c>_ledger</c>, the RunLedger of
    /// update_times sent) by swapping each for an empty one through reflection and measuring the live heap after
    /// each swap. Reads and replaces fields of a finished operation; never used on a running one.
    /// </summary>
    internal static class SyncStateProbe
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static (long LastSend, long Ledger) Split(Held<SyncExternalInstanceOperation> held)
        {
            var type = typeof(SyncExternalInstanceOperation);
            var lastSend = type.GetField("_lastSend", BindingFlags.Instance | BindingFlags.NonPublic);
            var ledger = type.GetField("_ledger", BindingFlags.Instance | BindingFlags.NonPublic);
            if (lastSend == null || ledger == null) return (-1, -1);
            var before = MemorySampler.FullCollect();
            lastSend.SetValue(held.Value, Activator.CreateInstance(lastSend.FieldType));
            var afterLastSend = MemorySampler.FullCollect();
            ledger.SetValue(held.Value, Activator.CreateInstance(ledger.FieldType, nonPublic: true));
            var afterLedger = MemorySampler.FullCollect();
            return (before - afterLastSend, afterLastSend - afterLedger);
        }
    }
}
