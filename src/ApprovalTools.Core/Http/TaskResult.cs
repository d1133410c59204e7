using System;
using System.Threading.Tasks;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// Runs a step on a task's result without allocating when the task has already completed (a cached token is
    /// handed out as one completed task, and every request goes through two such steps).
    /// </summary>
    internal static class TaskResult
    {
        /// <summary>
        /// Calls <paramref name="then"/> with the result: at once, returning the same task, when it has completed;
        /// otherwise after it completes. Pass a static lambda and its <paramref name="state"/>, so no closure is made.
        /// </summary>
        public static Task<T> Then<T, TState>(Task<T> task, TState state, Action<TState, T> then)
        {
            if (task.Status != TaskStatus.RanToCompletion) return ThenLaterAsync(task, state, then);
            then(state, task.Result);
            return task;
        }

        private static async Task<T> ThenLaterAsync<T, TState>(Task<T> task, TState state, Action<TState, T> then)
        {
            var result = await task.ConfigureAwait(false);
            then(state, result);
            return result;
        }
    }
}
