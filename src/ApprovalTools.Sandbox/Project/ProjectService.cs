using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using ApprovalTools.Sandbox.Hosting;
using System.Globalization;

namespace ApprovalTools.Sandbox.Project
{
    /// <summary>
    /// Feishu Project in the sandbox: plugin tokens, node-flow work items, node complete/rollback with the errors of the node complete/rollback docs (https://project.feishu.cn/b/helpcenter/2.0.0/1p8d7djs/48ft4i1k),
    /// X-IDEM-UUID deduplication and the 15 QPS per token per API limit. Seed it with <see cref="AddWorkItem(string,string,string,string[])"/>,
    /// <see cref="LoadSeed"/> or <see cref="SeedDemo"/>.
    /// </summary>
    public sealed class ProjectService : ISandboxService
    {
        private const string Prefix = "/open_api/";
        private const string TokenPath = "/open_api/authen/plugin_token";
        private readonly SandboxSettings _settings;
        private readonly object _gate = new object();
        private readonly Dictionary<string, SandboxWorkItem> _items = new Dictionary<string, SandboxWorkItem>(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _tokens = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        private readonly Dictionary<string, Queue<DateTimeOffset>> _rate = new Dictionary<string, Queue<DateTimeOffset>>(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Body, JsonObject Answer)> _idempotent = new Dictionary<string, (string, JsonObject)>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _keySeen = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _keyApplied = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Queue<ProjectError> _injected = new Queue<ProjectError>();
        private int _dropAfterActing;
        private bool _expireWithDrop;
        private long _logIds;

        public ProjectService(SandboxSettings settings) => _settings = settings;

        public string Name => "project";

        /// <summary>How long issued plugin tokens live (the real service: 7200 s).</summary>
        public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

        /// <summary>Requests per second per token and API (the documented 15 QPS); 0 turns the limit off.</summary>
        public int RequestsPerSecond { get; set; } = 15;

        public int TokensIssued { get; private set; }

        public int RateLimitedCount { get; private set; }

        // ---- seeding -------------------------------------------------------------------------------------------

        /// <summary>Adds a work item with a linear node flow; the first node has arrived. Returns it for further setup.</summary>
        public SandboxWorkItem AddWorkItem(string projectKey, string typeKey, string id, params string[] nodeIds)
        {
            var item = new SandboxWorkItem(projectKey, typeKey, id);
            foreach (var nodeId in nodeIds) item.AddNode(nodeId);
            item.Start();
            return AddWorkItem(item);
        }

        public SandboxWorkItem AddWorkItem(SandboxWorkItem item)
        {
            lock (_gate) _items[Key(item.ProjectKey, item.TypeKey, item.Id)] = item;
            return item;
        }

        /// <summary>Loads work items from seed JSON (format in docs/feishu-project.md); returns how many.</summary>
        public int LoadSeed(string json)
        {
            var items = ProjectSeed.Parse(json);
            foreach (var item in items) AddWorkItem(item);
            return items.Count;
        }

        public int LoadSeedFile(string path) => LoadSeed(System.IO.File.ReadAllText(path));

        /// <summary>The demo space "demo" (work items 1001-1004 and 6300000000000000001), for rehearsals and README examples.</summary>
        public int SeedDemo() => LoadSeed(ProjectSeed.Demo);

        public SandboxWorkItem? WorkItem(string projectKey, string typeKey, string id)
        {
            lock (_gate) return _items.TryGetValue(Key(projectKey, typeKey, id), out var item) ? item : null;
        }

        public SandboxNode Node(string projectKey, string typeKey, string id, string nodeId) =>
            (WorkItem(projectKey, typeKey, id) ?? throw new KeyNotFoundException($"no work item {projectKey}/{typeKey}/{id}")).Node(nodeId);

        // ---- test and rehearsal controls ------------------------------------------------------------------------

        /// <summary>The next operate calls answer these errors (in order) without acting: any row of the node operate docs' error table.</summary>
        public void InjectNext(params ProjectError[] errors)
        {
            lock (_gate) foreach (var e in errors) _injected.Enqueue(e);
        }

        /// <summary>The next N operate calls act, then lose their answer (connection cut): the client cannot know it worked.</summary>
        /// <remarks>
        /// With <paramref name="thenExpireTokens"/> every token also expires at that moment, so the client's resend travels
        /// with a new token, which the X-IDEM-UUID deduplication (per token) does not cover: the resend meets the moved node.
        /// </remarks>
        public void DropAnswerAfterActing(int count, bool thenExpireTokens = false)
        {
            _expireWithDrop = thenExpireTokens;
            Interlocked.Exchange(ref _dropAfterActing, count);
        }

        /// <summary>Every issued token expires now (the next call gets 10022).</summary>
        public void ExpireTokens()
        {
            lock (_gate) foreach (var token in _tokens.Keys.ToList()) _tokens[token] = DateTimeOffset.MinValue;
        }

        /// <summary>How many operate requests carried this X-IDEM-UUID.</summary>
        public int TimesSeen(string idempotencyKey)
        {
            lock (_gate) return _keySeen.TryGetValue(idempotencyKey, out var n) ? n : 0;
        }

        /// <summary>How many times an operate request with this X-IDEM-UUID changed state (at most 1 when dedup works).</summary>
        public int TimesApplied(string idempotencyKey)
        {
            lock (_gate) return _keyApplied.TryGetValue(idempotencyKey, out var n) ? n : 0;
        }

        // ---- HTTP --------------------------------------------------------------------------------------------------

        public bool Handles(SandboxRequest request) => request.Path.StartsWith(Prefix, StringComparison.Ordinal);

        public SandboxResponse TransientError(SandboxRequest request) => ProjectError.SystemBusy.ToResponse(NextLogId());

        public SandboxResponse RateLimited(SandboxRequest request) => ProjectError.FrequencyLimit.ToResponse(NextLogId());

        public SandboxResponse Handle(SandboxRequest request)
        {
            if (request.Is("POST", TokenPath)) return IssueToken(request);
            var parts = request.Path.Substring(Prefix.Length).Split('/').Select(Uri.UnescapeDataString).ToArray();
            // :project_key/workflow/:type/:id/node/:node_id/operate
            if (request.Method == "POST" && parts.Length == 7 && parts[1] == "workflow" && parts[4] == "node" && parts[6] == "operate")
            {
                return Operate(request, parts[0], parts[2], parts[3], parts[5]);
            }
            // :project_key/workflow/:type/:id/node/:node_id (PUT: update the node without moving the flow)
            if (request.Method == "PUT" && parts.Length == 6 && parts[1] == "workflow" && parts[4] == "node")
            {
                return Operate(request, parts[0], parts[2], parts[3], parts[5], update: true);
            }
            // :project_key/work_item/:type/:id/workflow/query
            if (request.Method == "POST" && parts.Length == 6 && parts[1] == "work_item" && parts[4] == "workflow" && parts[5] == "query")
            {
                return QueryWorkflow(request, parts[0], parts[2], parts[3]);
            }
            return SandboxResponse.Json(404, new JsonObject { ["err_code"] = 404, ["err_msg"] = "no such endpoint in the sandbox: " + request.Method + " " + request.Path });
        }

        private SandboxResponse IssueToken(SandboxRequest request)
        {
            var body = request.Json() as JsonObject;
            var pluginId = NodeOperate.Text(body?["plugin_id"]);
            var secret = NodeOperate.Text(body?["plugin_secret"]);
            if (string.IsNullOrEmpty(pluginId) || !string.Equals(secret, _settings.PluginSecret, StringComparison.Ordinal))
            {
                // UNCONFIRMED: code 10204 comes from a third-party client; the HTTP status and msg text are the sandbox's choice.
                return SandboxResponse.Json(400, new JsonObject
                {
                    ["data"] = null,
                    ["error"] = new JsonObject { ["code"] = 10204, ["msg"] = "plugin_id or plugin_secret is invalid" },
                });
            }
            var token = "p-" + Guid.NewGuid().ToString();
            lock (_gate)
            {
                _tokens[token] = DateTimeOffset.UtcNow + TokenLifetime;
                TokensIssued++;
            }
            return SandboxResponse.Json(200, new JsonObject
            {
                ["data"] = new JsonObject { ["token"] = token, ["expire_time"] = (long)TokenLifetime.TotalSeconds },
                ["error"] = new JsonObject { ["code"] = 0, ["msg"] = "success" },
            });
        }

        private SandboxResponse Operate(SandboxRequest request, string projectKey, string typeKey, string id, string nodeId, bool update = false)
        {
            var logId = NextLogId();
            var token = request.Header("X-PLUGIN-TOKEN");
            var idem = request.Header("X-IDEM-UUID");
            var endpoint = update ? "node/update" : "node/operate";
            var now = DateTimeOffset.UtcNow;
            lock (_gate)
            {
                if (idem != null) _keySeen[idem] = (_keySeen.TryGetValue(idem, out var seen) ? seen : 0) + 1;
                if (Refuse(request, endpoint, now) is { } refused) return refused.ToResponse(logId);

                var idemKey = idem == null ? null : token + " " + endpoint + " " + idem;
                if (idemKey != null && _idempotent.TryGetValue(idemKey, out var earlier))
                {
                    // Same key, same token, same API: the first answer again, nothing done twice.
                    return earlier.Body == request.BodyText ? SandboxResponse.Json(200, earlier.Answer.DeepClone()) : ProjectError.IdempotentLimit.ToResponse(logId);
                }

                var body = request.Json() as JsonObject;
                if (body == null) return ProjectError.InvalidParam("body is not a JSON object").ToResponse(logId);
                var action = update ? "update" : NodeOperate.Text(body["action"]);
                if (action == null) return ProjectError.MissingParam.ToResponse(logId);
                if (action != "confirm" && action != "rollback" && !update) return ProjectError.InvalidParam("action must be confirm or rollback").ToResponse(logId);
                // UNCONFIRMED order of checks: parameters before the work item, as a request validator would.
                if (action == "rollback" && string.IsNullOrWhiteSpace(NodeOperate.Text(body["rollback_reason"]))) return ProjectError.MissingParam.ToResponse(logId);

                if (!_items.TryGetValue(Key(projectKey, typeKey, id), out var item)) return ProjectError.WorkItemNotFound.ToResponse(logId);
                if (item.Aborted) return ProjectError.WorkItemAlreadyAborted.ToResponse(logId);
                var node = item.FindNode(nodeId);
                if (node == null) return ProjectError.NodeNotExist.ToResponse(logId);
                if (_injected.Count > 0) return _injected.Dequeue().ToResponse(logId);

                var error = NodeOperate.Apply(item, node, body, action, now);
                if (error != null) return error.ToResponse(logId);

                // UNCONFIRMED what the server replays: only answers that changed state are remembered (stricter: a refused
                // request is judged afresh when resent, so a client must not rely on its earlier refusal).
                var answer = new JsonObject { ["err_code"] = 0, ["err_msg"] = "", ["err"] = new JsonObject(), ["data"] = new JsonObject() };
                if (idem != null)
                {
                    _idempotent[idemKey!] = (request.BodyText, (JsonObject)answer.DeepClone());
                    _keyApplied[idem] = (_keyApplied.TryGetValue(idem, out var applied) ? applied : 0) + 1;
                }
                if (Counter.Take(ref _dropAfterActing))
                {
                    if (_expireWithDrop) ExpireTokens();
                    return SandboxResponse.Dropped();
                }
                return SandboxResponse.Json(200, answer);
            }
        }

        /// <summary>
        /// The workflow query ("获取工作流详情") of a node-flow item. flow_type 1 (state flow) on a node-flow item is 20027,
        /// as the Feishu Project error code page (https://project.feishu.cn/b/helpcenter/1p8d7djs/5aueo3jr) says; fields mixing "x" and "-x" is 20015.
        /// </summary>
        private SandboxResponse QueryWorkflow(SandboxRequest request, string projectKey, string typeKey, string id)
        {
            var logId = NextLogId();
            lock (_gate)
            {
                if (Refuse(request, "work_item/workflow/query", DateTimeOffset.UtcNow) is { } refused) return refused.ToResponse(logId);
                var body = request.BodyText.Trim().Length == 0 ? new JsonObject() : request.Json() as JsonObject;
                if (body == null) return ProjectError.InvalidParam("body is not a JSON object").ToResponse(logId);
                if (WorkflowQuery.Problem(body) is { } problem) return problem.ToResponse(logId);
                if (!_items.TryGetValue(Key(projectKey, typeKey, id), out var item)) return ProjectError.WorkItemNotFound.ToResponse(logId);
                return SandboxResponse.Json(200, new JsonObject
                {
                    ["err_code"] = 0, ["err_msg"] = "", ["err"] = new JsonObject(), ["data"] = WorkflowQuery.Answer(item),
                });
            }
        }

        /// <summary>The checks every call meets before its own: token present and alive, X-USER-KEY, 15 QPS per token and API.</summary>
        private ProjectError? Refuse(SandboxRequest request, string endpoint, DateTimeOffset now)
        {
            var token = request.Header("X-PLUGIN-TOKEN");
            if (string.IsNullOrEmpty(token)) return ProjectError.TokenNotExist;
            if (!_tokens.TryGetValue(token!, out var expires) || expires <= now) return ProjectError.CheckTokenFailed;
            if (string.IsNullOrEmpty(request.Header("X-USER-KEY"))) return ProjectError.UserKeyRequired;
            if (!Admit(token + " " + endpoint, now)) return ProjectError.FrequencyLimit;
            return null;
        }

        /// <summary>Sliding one-second window per token and API; only admitted requests count.</summary>
        private bool Admit(string bucket, DateTimeOffset now)
        {
            if (RequestsPerSecond <= 0) return true;
            if (!_rate.TryGetValue(bucket, out var window)) _rate[bucket] = window = new Queue<DateTimeOffset>();
            while (window.Count > 0 && now - window.Peek() >= TimeSpan.FromSeconds(1)) window.Dequeue();
            if (window.Count >= RequestsPerSecond)
            {
                RateLimitedCount++;
                return false;
            }
            window.Enqueue(now);
            return true;
        }


        private string NextLogId() => "sbxproject" + Interlocked.Increment(ref _logIds).ToString("D10", CultureInfo.InvariantCulture);

        private static string Key(string projectKey, string typeKey, string id) => projectKey + "/" + typeKey + "/" + id;
    }
}
