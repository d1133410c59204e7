using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Operations
{
    /// <summary>
    /// Runs up to <c>throttleLimit</c> requests at once while keeping every sink call on the caller's thread.
    /// Work items run in the background and queue what they want to tell the sink; the caller's thread drains
    /// that queue whenever it calls <see cref="Start"/>, <see cref="Drain"/> or <see cref="Complete"/>. So the
    /// pipeline streams (input is read as it arrives, results are written as requests finish) and memory holds
    /// only the in-flight items.
    /// </summary>
    public sealed class ThrottledPump : IRequestLog
    {
        private readonly IOperationSink _sink;
        private readonly int _limit;
        private readonly List<Task> _inFlight = new List<Task>();
        private readonly Dictionary<Task, string> _described = new Dictionary<Task, string>();
        private readonly List<Task> _settled = new List<Task>();
        private readonly ConcurrentQueue<Action<IOperationSink>> _messages = new ConcurrentQueue<Action<IOperationSink>>();

        public ThrottledPump(IOperationSink sink, int throttleLimit)
        {
            _sink = sink;
            _limit = Math.Max(1, throttleLimit);
        }

        public int InFlight => _inFlight.Count;

        /// <summary>
        /// Starts a work item, first waiting (and draining) while the throttle limit is reached. <paramref name="sends"/>
        /// names what the item sends (e.g. "instance 'PO-1'"), for <see cref="Unreported"/> after a stop.
        /// </summary>
        public void Start(Func<CancellationToken, Task> work, string? sends = null)
        {
            Drain();
            while (_inFlight.Count >= _limit) WaitForOne();
            var ct = _sink.Cancellation;
            ct.ThrowIfCancellationRequested();     // after a stop nothing more is sent (nor named as sent)
            var task = Task.Run(() => work(ct), ct);
            _inFlight.Add(task);
            if (sends != null) _described[task] = sends;
        }

        /// <summary>
        /// What started items send whose outcome was not written yet (after a stop: sent or about to be, not reported).
        /// An item leaves this list only once it ran to completion and its messages were written: one cancelled by the
        /// stop stays (its request may have reached the server), and so does one whose messages the stop cut short.
        /// </summary>
        public IReadOnlyList<string> Unreported => _described.Values.ToList();

        /// <summary>Queues a sink call from a background work item.</summary>
        public void Post(Action<IOperationSink> message) => _messages.Enqueue(message);

        public void Emit(object item) => Post(s => s.Emit(item));

        public void Fail(OperationError error) => Post(s => s.Fail(error));

        public bool IsVerboseEnabled => _sink.IsVerboseEnabled;

        public bool IsDebugEnabled => _sink.IsDebugEnabled;

        /// <summary>Ends the run from a background item (<see cref="FailurePolicy.EndsRun"/>): the exception is rethrown on the caller's thread.</summary>
        public void EndRun(ApiException exception) => Post(_ => ExceptionDispatchInfo.Capture(exception).Throw());

        /// <summary>Thread-safe verbose logging for the transport.</summary>
        public void Verbose(string message) => Post(s => s.Verbose(message));

        /// <summary>Thread-safe debug logging for the transport.</summary>
        public void Debug(string message) => Post(s => s.Debug(message));

        /// <summary>Writes what background items queued, on the caller's thread.</summary>
        public void Drain()
        {
            // A finished item queued all its messages before it finished, so once the queue is empty they are written.
            _settled.Clear();
            foreach (var started in _described.Keys)
            {
                if (started.Status == TaskStatus.RanToCompletion) _settled.Add(started);
            }
            while (_messages.TryDequeue(out var message)) message(_sink);
            foreach (var finished in _settled) _described.Remove(finished);
            _settled.Clear();
        }

        /// <summary>Waits for every work item, draining as they finish.</summary>
        public void Complete()
        {
            while (_inFlight.Count > 0) WaitForOne();
            Drain();
        }

        private void WaitForOne()
        {
            var finished = Task.WhenAny(_inFlight).GetAwaiter().GetResult();
            _inFlight.Remove(finished);
            Drain();
            if (finished.IsCanceled || (finished.IsFaulted && finished.Exception?.GetBaseException() is OperationCanceledException))
            {
                _sink.Cancellation.ThrowIfCancellationRequested();
            }
            if (finished.IsFaulted)
            {
                // A work item must turn its own failures into sink errors; reaching here is a bug, not an input problem.
                throw new InvalidOperationException("A background work item failed unexpectedly.", finished.Exception!.GetBaseException());
            }
        }
    }
}
