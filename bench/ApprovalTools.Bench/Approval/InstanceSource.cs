using System.Globalization;
using PerfBench;

namespace ApprovalTools.Bench.Approval
{
    using Map = Dictionary<string, object?>;

    /// <summary>
    /// Input for the Feishu benchmarks, built on demand: each instance (<see cref="BenchInstance"/>) is made when the
    /// operation asks for it, so the bench never holds the input.
    /// </summary>
    internal static class InstanceSource
    {
        private const long T0 = BenchInstance.T0;

        /// <summary>The definition every bench instance is synced into; bench sandboxes start with it.</summary>
        public const string ApprovalCode = BenchInstance.ApprovalCode;

        /// <summary>
        /// <paramref name="count"/> instances with distinct ids; <paramref name="every"/> items apart (and after the last),
        /// <paramref name="checkpoint"/> runs on the consuming (pipeline) thread with the number of items taken so far.
        /// </summary>
        public static IEnumerable<object> Instances(int count, string prefix, int every = 0, Action<int>? checkpoint = null)
        {
            for (var i = 1; i <= count; i++)
            {
                yield return Instance(prefix + i.ToString("D7", CultureInfo.InvariantCulture), T0 + i);
                if (checkpoint != null && every > 0 && (i % every == 0 || i == count)) checkpoint(i);
            }
        }

        /// <summary>One instance (bench/pwsh/BenchInstance.cs, shared with the pwsh harness).</summary>
        public static Map Instance(string id, long updateTime) => BenchInstance.Build(id, updateTime);
    }
}
