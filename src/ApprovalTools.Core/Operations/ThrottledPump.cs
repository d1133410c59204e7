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
    /// <remarks>
    /// A work item starts on the caller's thread and runs there until its first wait (as an async method does), so
    /// a request leaves without a hop to the thread pool. Each item queues itself on <c>_finished</c> when its task
    /// ends and pulses <c>_signal</c>; the caller's thread waits on that signal, not on the in-flight tasks.
    /// </remarks>
    public sealed class ThrottledPump : IRequestLog
    {
        private readonly IOperationSink _sink;
        private readonly int _limit;
        private readonly ConcurrentQueue<Action<IOperationSink>> _messages = new ConcurrentQueue<Action<IOperationSink>>();
        private readonly ConcurrentQueue<Started> _finished = new ConcurrentQueue<Started>();

        /// <summary>Pulsed by every finished item; the caller's thread waits on it for <c>_finished</c> to fill.</summary>
        private readonly object _signal = new object();

        /// <summary>Taken off <c>_finished</c>, their messages not all written yet (a message that throws leaves them here).</summary>
        private readonly List<Started> _settled = new List<Started>();

        /// <summary>Started items that name what they send and did not run to completion with their messages written.</summary>
        private readonly HashSet<Started> _unreported = new HashSet<Started>();

        private int _inFlight;
        private bool _cancelled;
        private Exception? _fault;

        public ThrottledPump(IOperationSink sink, int throttleLimit)
        {
            _sink = sink;
            _limit = Math.Max(1, throttleLimit);
        }

        /// <summary>Items started and not yet retired on the caller's thread.</summary>
        public int InFlight => _inFlight;

        /// <summary>
        /// Starts a work item, first waiting (and draining) while the throttle limit is reached. <paramref name="sends"/>
        /// names what the item sends (e.g. "instance 'PO-1'"), for <see cref="Unreported"/> after a stop.
        /// </summary>
        public void Start(Func<CancellationToken, Task> work, string? sends = null)
        {
            Drain();
            while (_inFlight >= _limit) WaitForOne();
            var ct = _sink.Cancellation;
            ct.ThrowIfCancellationRequested();     // after a stop nothing more is sent (nor named as sent)
            Task task;
            try
            {
                task = work(ct);
            }
            catch (Exception ex)
            {
                task = Task.FromException(ex);     // as if it had thrown after its first wait: the item ends, Retire judges it
            }
            var started = new Started(this, task, sends);
            _inFlight++;
            if (sends != null) _unreported.Add(started);
            if (task.IsCompleted) started.Finished();
            else task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(started.Finished);
        }

        /// <summary>
        /// What started items send whose outcome was not written yet (after a stop: sent or about to be, not reported).
        /// An item leaves this list only once it ran to completion and its messages were written: one cancelled by the
        /// stop stays (its request may have reached the server), and so does one whose messages the stop cut short.
        /// </summary>
        public IReadOnlyList<string> Unreported => _unreported.Select(s => s.Sends!).ToList();

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
            while (_finished.TryDequeue(out var finished)) _settled.Add(finished);
            while (_messages.TryDequeue(out var message)) message(_sink);
            foreach (var settled in _settled) Retire(settled);
            _settled.Clear();
        }

        /// <summary>Waits for every work item, draining as they finish.</summary>
        public void Complete()
        {
            while (_inFlight > 0) WaitForOne();
            Drain();
            ThrowIfBroken();
        }

        private void WaitForOne()
        {
            if (_settled.Count == 0 && _finished.IsEmpty)
            {
                // An item queues itself before it takes the lock to pulse, so it cannot slip between this check and the wait.
                lock (_signal)
                {
                    while (_finished.IsEmpty) Monitor.Wait(_signal);
                }
            }
            Drain();
            ThrowIfBroken();
        }

        private void Retire(Started item)
        {
            _inFlight--;
            var task = item.Task;
            if (task.Status == TaskStatus.RanToCompletion)
            {
                if (item.Sends != null) _unreported.Remove(item);
            }
            else if (task.IsCanceled || task.Exception?.GetBaseException() is OperationCanceledException)
            {
                _cancelled = true;
            }
            else
            {
                _fault ??= task.Exception!.GetBaseException();
            }
        }

        private void ThrowIfBroken()
        {
            if (_cancelled)
            {
                _cancelled = false;
                _sink.Cancellation.ThrowIfCancellationRequested();
            }
            if (_fault != null)
            {
                // A work item must turn its own failures into sink errors; reaching here is a bug, not an input problem.
                var fault = _fault;
                _fault = null;
                throw new InvalidOperationException("A background work item failed unexpectedly.", fault);
            }
        }

        private sealed class Started
        {
            private readonly ThrottledPump _pump;

            public Started(ThrottledPump pump, Task task, string? sends)
            {
                _pump = pump;
                Task = task;
                Sends = sends;
            }

            public Task Task { get; }

            public string? Sends { get; }

            /// <summary>Runs on whichever thread ended the task: only queues, the caller's thread does the rest.</summary>
            public void Finished()
            {
                _pump._finished.Enqueue(this);
                lock (_pump._signal) Monitor.Pulse(_pump._signal);
            }
        }
    }
}
