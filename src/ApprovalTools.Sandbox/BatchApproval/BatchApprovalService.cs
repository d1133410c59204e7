using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using ApprovalTools.Sandbox.Hosting;

namespace ApprovalTools.Sandbox.BatchApproval
{
    /// <summary>
    /// The batch approval API of the batch approval open API docs (https://www.dabeicloud.com/help-center/3a330f9963f64ae7a00ea6b1304e2eb5.html): POST /batch_approvals/_check, POST /batch_approvals/_submit and
    /// GET /batch_approvals/_submit (progress). No envelope: success is the bare JSON the docs show, failures
    /// are HTTP statuses with {"msg": ...}. The API's authentication is not documented; the sandbox asks for
    /// "Authorization: Bearer &lt;BatchToken&gt;" when the settings give a token.
    /// </summary>
    public sealed class BatchApprovalService : ISandboxService
    {
        private const string Prefix = "/batch_approvals/";
        private readonly SandboxSettings _settings;
        private readonly object _gate = new object();
        private readonly Dictionary<string, SandboxBatch> _batches = new Dictionary<string, SandboxBatch>(StringComparer.Ordinal);
        private readonly HashSet<string> _submittedTasks = new HashSet<string>(StringComparer.Ordinal);
        private DateTimeOffset _queueEnd = DateTimeOffset.MinValue;
        private int _shortCheckAnswers;

        public BatchApprovalService(SandboxSettings settings) => _settings = settings;

        public string Name => "batch";

        /// <summary>Processing speed of newly submitted batches (one queue for all batches).</summary>
        public double TasksPerSecond { get; set; } = 500;

        /// <summary>Task id → reason: these answer supported=false. Ids containing "unsupported" do too.</summary>
        public ConcurrentDictionary<string, string> Unsupported { get; } = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Task ids that fail during processing (closed or deleted). Ids containing "closed" or "deleted" do too.</summary>
        public ConcurrentDictionary<string, bool> Failing { get; } = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>The clock progress is computed from; tests may replace it.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>The next <paramref name="count"/> _check answers leave out their last element (a broken server).</summary>
        public void ShortenNextCheckAnswers(int count) => Interlocked.Exchange(ref _shortCheckAnswers, count);

        /// <summary>Every batch accepted so far, oldest first.</summary>
        public IReadOnlyList<SandboxBatch> Batches
        {
            get { lock (_gate) return _batches.Values.OrderBy(b => b.SubmittedAt).ToList(); }
        }

        public void Reset()
        {
            lock (_gate)
            {
                _batches.Clear();
                _submittedTasks.Clear();
                _queueEnd = DateTimeOffset.MinValue;
            }
            Unsupported.Clear();
            Failing.Clear();
            ShortenNextCheckAnswers(0);
        }

        /// <summary>Why a task cannot be batch-approved, or null when it can.</summary>
        public string? UnsupportedReason(string taskId)
        {
            if (Unsupported.TryGetValue(taskId, out var reason)) return reason;
            return taskId.IndexOf("unsupported", StringComparison.OrdinalIgnoreCase) >= 0 ? "未开启批量审批 (sandbox: the id contains 'unsupported')" : null;
        }

        public bool FailsWhenProcessed(string taskId) =>
            Failing.ContainsKey(taskId) || taskId.IndexOf("closed", StringComparison.OrdinalIgnoreCase) >= 0
            || taskId.IndexOf("deleted", StringComparison.OrdinalIgnoreCase) >= 0;

        public bool Handles(SandboxRequest request) => request.Path.StartsWith(Prefix, StringComparison.Ordinal);

        public SandboxResponse Handle(SandboxRequest request)
        {
            if (_settings.BatchToken != null && request.Header("Authorization") != "Bearer " + _settings.BatchToken)
            {
                return Error(401, "unauthorized: missing or wrong bearer token");
            }
            var userId = request.QueryValue("user_id");
            if (request.Is("POST", Prefix + "_check")) return string.IsNullOrEmpty(userId) ? MissingUser() : Check(request);
            if (request.Is("POST", Prefix + "_submit")) return string.IsNullOrEmpty(userId) ? MissingUser() : Submit(request, userId!);
            if (request.Is("GET", Prefix + "_submit")) return string.IsNullOrEmpty(userId) ? MissingUser() : Progress(request, userId!);
            if (request.Path == Prefix + "_check" || request.Path == Prefix + "_submit") return Error(405, "method not allowed: " + request.Method + " " + request.Path);
            return Error(404, "no such endpoint: " + request.Method + " " + request.Path);
        }

        public SandboxResponse TransientError(SandboxRequest request) => Error(503, "service busy, try again later");

        public SandboxResponse RateLimited(SandboxRequest request) => Error(429, "too many requests").WithHeader("Retry-After", "1");

        private SandboxResponse Check(SandboxRequest request)
        {
            var ids = ReadTaskIds(request, out var problem);
            if (ids == null) return Error(400, problem!);
            var answer = new JsonArray();
            foreach (var id in ids)
            {
                var reason = UnsupportedReason(id);
                answer.Add(reason == null ? new JsonObject { ["supported"] = true } : new JsonObject { ["supported"] = false, ["reason"] = reason });
            }
            if (Counter.Take(ref _shortCheckAnswers) && answer.Count > 0) answer.RemoveAt(answer.Count - 1);
            return SandboxResponse.Json(200, answer);
        }

        private SandboxResponse Submit(SandboxRequest request, string userId)
        {
            var ids = ReadTaskIds(request, out var problem);
            if (ids == null) return Error(400, problem!);
            // Not documented: what _submit does with a task _check would refuse. The stricter reading: reject the call.
            var refused = ids.FirstOrDefault(id => UnsupportedReason(id) != null);
            if (refused != null) return Error(400, "task " + refused + " does not support batch approval: " + UnsupportedReason(refused));
            lock (_gate)
            {
                var now = Clock();
                var failing = new HashSet<string>(ids.Where(id => FailsWhenProcessed(id) || _submittedTasks.Contains(id)), StringComparer.Ordinal);
                var startsAt = now > _queueEnd ? now : _queueEnd;
                var batch = new SandboxBatch(Guid.NewGuid().ToString("N"), userId, ids, failing, now, startsAt, Math.Max(0.001, TasksPerSecond));
                _queueEnd = batch.EndsAt;
                _batches[batch.BatchNumber] = batch;
                foreach (var id in ids) _submittedTasks.Add(id);
                return SandboxResponse.Json(200, new JsonObject { ["batch_number"] = batch.BatchNumber });
            }
        }

        private SandboxResponse Progress(SandboxRequest request, string userId)
        {
            var number = request.QueryValue("batch_number");
            if (string.IsNullOrEmpty(number)) return Error(400, "batch_number is required");
            SandboxBatch? batch;
            lock (_gate) _batches.TryGetValue(number!, out batch);
            if (batch == null) return Error(404, "batch_number " + number + " not found");
            // Section 8.3 of the batch approval docs: user_id must be the submitter of that batch. Not documented how a mismatch is answered; the sandbox refuses it.
            if (!string.Equals(batch.UserId, userId, StringComparison.Ordinal)) return Error(403, "batch_number " + number + " was not submitted by user " + userId);
            var processed = batch.ProcessedAt(Clock());
            var failed = new JsonArray();
            foreach (var id in batch.FailedAmongFirst(processed)) failed.Add(id);
            return SandboxResponse.Json(200, new JsonObject
            {
                ["batch_number"] = batch.BatchNumber,
                ["total"] = batch.TaskIds.Count,
                ["processed"] = processed,
                ["failed_tasks"] = failed,
            });
        }

        /// <summary>The docs' bare JSON array of task ids; {"task_ids": [...]} is accepted too (the docs' table names a task_ids field).</summary>
        private static List<string>? ReadTaskIds(SandboxRequest request, out string? problem)
        {
            var body = request.Json();
            var array = body as JsonArray ?? (body as JsonObject)?["task_ids"] as JsonArray;
            if (array == null)
            {
                problem = "the body must be a JSON array of task ids (or {\"task_ids\": [...]})";
                return null;
            }
            if (array.Count == 0)
            {
                problem = "task_ids must not be empty";
                return null;
            }
            if (array.Count > 200)
            {
                problem = "task_ids holds " + array.Count + " ids; at most 200 are allowed per call";
                return null;
            }
            var ids = new List<string>();
            foreach (var item in array)
            {
                var id = item is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
                if (string.IsNullOrWhiteSpace(id))
                {
                    problem = "task_ids element " + (ids.Count + 1) + " is not a non-empty string";
                    return null;
                }
                ids.Add(id!);
            }
            problem = null;
            return ids;
        }

        private static SandboxResponse MissingUser() => Error(400, "user_id is required");

        private static SandboxResponse Error(int status, string message) => SandboxResponse.Json(status, new JsonObject { ["msg"] = message });
    }
}
