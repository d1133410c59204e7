using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Operations
{
    /// <summary>Calls made from the pipeline thread by operations that send one request at a time.</summary>
    internal static class SinkCalls
    {
        /// <summary>
        /// Runs one client call to completion. The call runs on a <see cref="ThrottledPump"/> of one, so the transport's
        /// verbose lines (written from pool threads) reach the sink on the caller's thread. Exceptions are rethrown here.
        /// </summary>
        public static T Run<T>(IOperationSink sink, Func<IRequestLog, CancellationToken, Task<T>> call)
        {
            var pump = new ThrottledPump(sink, 1);
            var result = default(T)!;
            Exception? failure = null;
            pump.Start(async ct =>
            {
                try { result = await call(pump, ct).ConfigureAwait(false); }
                catch (Exception ex) { failure = ex; }
            });
            pump.Complete();
            if (failure != null) ExceptionDispatchInfo.Capture(failure).Throw();
            return result;
        }

        /// <summary>Waits on the pipeline thread; Ctrl+C ends the wait at once.</summary>
        public static void Sleep(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (delay > TimeSpan.Zero) cancellationToken.WaitHandle.WaitOne(delay);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
