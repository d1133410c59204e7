using System.Runtime.CompilerServices;

namespace ApprovalTools.Bench.Support
{
    /// <summary>
    /// Measures what one object (an operation after Complete) still keeps alive: live heap with it minus live heap
    /// without it. The object lives only in a <see cref="Held{T}"/> and in the frame of a non-inlined driver method,
    /// so no JIT temporary in the measuring method keeps it reachable.
    /// </summary>
    internal static class Retention
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static TResult Drive<T, TResult>(Held<T> held, Func<T> create, Func<T, TResult> run) where T : class
        {
            held.Value = create();
            return run(held.Value);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static long Measure<T>(Held<T> held) where T : class
        {
            var with = MemorySampler.FullCollect();
            held.Value = null;
            return with - MemorySampler.FullCollect();
        }
    }

    internal sealed class Held<T> where T : class
    {
        public T? Value;
    }
}
