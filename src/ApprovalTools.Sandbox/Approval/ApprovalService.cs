using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ApprovalTools.Sandbox.Hosting;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>
    /// The Feishu approval part of the sandbox: the internal-app token endpoint, create (sync) and check of third-party
    /// instances, the task query (GET tasks/query, paged), the {code, msg, data} envelope with the HTTP statuses of the generic error codes (https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code), 1390001 for invalid parameters,
    /// 99991661/99991663 for missing/expired tokens, and 50 requests per second and 1000 per minute per endpoint and app (429 + 99991400).
    /// State is in memory and inspectable: <see cref="Instance"/>.
    /// </summary>
    public sealed class ApprovalService : ISandboxService
    {
        public const string TokenPath = "/open-apis/auth/v3/tenant_access_token/internal";
        public const string CreatePath = "/open-apis/approval/v4/external_instances";
        public const string CheckPath = "/open-apis/approval/v4/external_instances/check";
        public const string TaskQueryPath = "/open-apis/approval/v4/tasks/query";
        public const string ExternalTasksPath = "/open-apis/approval/v4/external_tasks";
        public const string ExternalApprovalsPath = "/open-apis/approval/v4/external_approvals";

        private readonly SandboxSettings _settings;
        private readonly TokenStore _tokens = new TokenStore();
        private readonly EndpointRateLimit _rate = new EndpointRateLimit();
        private readonly InstanceStore _store = new InstanceStore();
        private readonly DefinitionStore _definitions = new DefinitionStore();

        /// <summary>
        /// Whether syncing (creating) an instance needs its approval_code to be the code of a stored definition: one
        /// external_approvals create answered, or one seeded as if made in the developer console. On by default, for
        /// every way the sandbox starts. Turning it off makes the sandbox friendlier than the service.
        /// </summary>
        public bool RequireKnownApprovalCode { get; set; } = true;

        public void SeedDefinition(string approvalCode, string name = "Seeded definition") => _definitions.Seed(approvalCode, name);

        /// <summary>Whether instances can be synced into <paramref name="approvalCode"/>: a definition has it as its code.</summary>
        public bool HasDefinition(string approvalCode) => _definitions.Exists(approvalCode);
        private int _tryLater;

        public ApprovalService(SandboxSettings settings)
        {
            _settings = settings;
            foreach (var code in settings.ApprovalDefinitions) SeedDefinition(code);
        }

        public string Name => "approval";

        /// <summary>Lifetime of new tenant tokens (Feishu: 2 hours).</summary>
        public TimeSpan TokenLifetime
        {
            get => _tokens.Lifetime;
            set => _tokens.Lifetime = value;
        }

        /// <summary>Requests per second per endpoint and app before 429 (Feishu: 50); 0 turns this window off.</summary>
        public int RequestsPerSecond
        {
            get => _rate.PerSecond;
            set => _rate.PerSecond = value;
        }

        /// <summary>Requests per minute per endpoint and app before 429 (Feishu: 1000); 0 turns this window off.</summary>
        public int RequestsPerMinute
        {
            get => _rate.PerMinute;
            set => _rate.PerMinute = value;
        }

        /// <summary>Most instances one check call accepts. UNCONFIRMED: the check API docs give no maximum; 100 is assumed.</summary>
        public int MaxCheckInstances { get; set; } = 100;

        /// <summary>The clock for token expiry (tests move it).</summary>
        public Func<DateTimeOffset> Clock
        {
            get => _tokens.Clock;
            set => _tokens.Clock = value;
        }

        public int TokensIssued => _tokens.Issued;

        /// <summary>
        /// HTTP status of the 99991663 "invalid access token" answer: 400 as usually observed; 200 as also seen in the field
        /// (reference §5.2), which a client must handle the same way (drop the token, fetch a new one, replay once).
        /// </summary>
        public int TokenRejectedStatus { get; set; } = 400;

        /// <summary>Expires every token issued so far: the next call with one gets 99991663.</summary>
        public void ExpireAllTokens() => _tokens.ExpireAll();

        public StoredInstance? Instance(string instanceId) => _store.Snapshot(instanceId);

        public int InstanceCount => _store.Count;

        /// <summary>Tasks assigned to a user (user_id or open_id), with their instance and approval code.</summary>
        public IReadOnlyList<StoredUserTask> TasksOf(string user) => _store.TasksOf(user);

        /// <summary>What GET tasks/query lists for a user (userIdType open_id | union_id | user_id; topic 1, 2, 3, 17 or 18).</summary>
        public IReadOnlyList<JsonObject> QueryTasks(string user, string userIdType, int topic) => _store.Query(user, userIdType, topic, Users.Find(user, userIdType));

        /// <summary>
        /// The task query answers status and process_status in words ("Todo", "Running"), as the doc's own example does,
        /// instead of the documented codes ("1", "1"). Clients must read both.
        /// </summary>
        public bool TaskStatusInWords { get; set; }

        /// <summary>The tenant's users under their user_id, open_id and union_id (empty until a test or rehearsal adds some).</summary>
        public UserDirectory Users { get; } = new UserDirectory();

        public void Reset() => _store.Clear();

        /// <summary>
        /// The next <paramref name="count"/> create/check calls answer 400 / 1395001 "try again later" without acting (the
        /// documented answer when the rate is too high or the same instance is synced again too soon).
        /// </summary>
        public void TryLaterNext(int count) => System.Threading.Interlocked.Exchange(ref _tryLater, count);

        public bool Handles(SandboxRequest request) => request.Path.StartsWith("/open-apis/auth/", StringComparison.Ordinal)
            || request.Path.StartsWith("/open-apis/approval/", StringComparison.Ordinal);

        public SandboxResponse Handle(SandboxRequest request)
        {
            if (request.Is("POST", TokenPath)) return Token(request);
            var isCreate = request.Is("POST", CreatePath);
            var isCheck = request.Is("POST", CheckPath);
            var isTaskQuery = request.Is("GET", TaskQueryPath);
            var isExternalTasks = request.Is("GET", ExternalTasksPath);
            var isDefinitionCreate = request.Is("POST", ExternalApprovalsPath);
            var definitionCode = request.Method == "GET" && request.Path.StartsWith(ExternalApprovalsPath + "/", StringComparison.Ordinal)
                ? Uri.UnescapeDataString(request.Path.Substring(ExternalApprovalsPath.Length + 1)) : null;
            if (!isCreate && !isCheck && !isTaskQuery && !isExternalTasks && !isDefinitionCreate && definitionCode == null)
                return FeishuEnvelope.Error(404, 404, "no such endpoint in the sandbox: " + request.Method + " " + request.Path);

            var header = request.Header("Authorization");
            if (header == null || !header.StartsWith("Bearer ", StringComparison.Ordinal) || header.Length <= 7)
                return FeishuEnvelope.Error(400, 99991661, "Missing access token for authorization. Please make a request with token attached.");
            var appId = _tokens.Validate(header.Substring(7));
            if (appId == null)
                return FeishuEnvelope.Error(TokenRejectedStatus, 99991663, "Invalid access token for authorization. Please make a request with token attached.");
            if (!_rate.TryAcquire(appId + " " + request.Path, DateTimeOffset.UtcNow, out var windowLimit, out var reset)) return Limited(windowLimit, reset);
            // UNCONFIRMED: the task query's rate limit is not documented; the sandbox applies the same 50/s.
            if (isTaskQuery) return TaskQueryEndpoint.Handle(request, _store, Users, TaskStatusInWords);
            if (isExternalTasks) return ExternalTaskEndpoint.Handle(request, _store, _definitions.Exists);
            if (definitionCode != null) return _definitions.Get(definitionCode);
            if (Counter.Take(ref _tryLater)) return TryLater();

            if (!(request.Json() is JsonObject body))
                return FeishuEnvelope.InvalidParam(new[] { ("body", "must be a JSON object") });
            if (isDefinitionCreate) return _definitions.Create(body);
            return isCreate ? Create(body) : Check(body);
        }

        private SandboxResponse Token(SandboxRequest request)
        {
            var body = request.Json() as JsonObject;
            var appId = CreateRequestRules.Str(body?["app_id"]);
            var secret = CreateRequestRules.Str(body?["app_secret"]);
            if (string.IsNullOrEmpty(appId) || string.IsNullOrEmpty(secret))
                return SandboxResponse.Json(400, new JsonObject { ["code"] = 10003, ["msg"] = "invalid param" });
            // UNCONFIRMED which code the real endpoint uses for a wrong secret (10014/10015/20002); 10014 here.
            if (!string.Equals(secret, _settings.AppSecret, StringComparison.Ordinal))
                return SandboxResponse.Json(400, new JsonObject { ["code"] = 10014, ["msg"] = "app secret invalid" });
            var (token, expire) = _tokens.Issue(appId!);
            return SandboxResponse.Json(200, new JsonObject { ["code"] = 0, ["msg"] = "ok", ["tenant_access_token"] = token, ["expire"] = expire });
        }

        private SandboxResponse Create(JsonObject body)
        {
            var violations = CreateRequestRules.Check(body);
            if (violations.Count > 0) return FeishuEnvelope.InvalidParam(violations);
            var code = CreateRequestRules.Str(body["approval_code"]);
            // UNCONFIRMED: the instance page says approval_code is the code external_approvals create returns (not the
            // code sent to it) but lists no error for any other; the stricter reading refuses it as 1390001 naming
            // approval_code. The check API takes no code; external_tasks and the definition read refuse unknown codes too.
            if (RequireKnownApprovalCode && code != null && !_definitions.Exists(code))
                return FeishuEnvelope.InvalidParam(new[] { ("approval_code", $"no third-party approval definition has the code '{code}': create it with external_approvals and use the code it returns") });
            var record = _store.Apply(body);
            return FeishuEnvelope.Ok(new JsonObject { ["data"] = body.DeepClone(), ["process_record"] = record });
        }

        private SandboxResponse Check(JsonObject body)
        {
            var violations = new List<(string, string)>();
            if (!(body["instances"] is JsonArray instances))
            {
                return FeishuEnvelope.InvalidParam(new[] { ("instances", "is required") });
            }
            if (instances.Count > MaxCheckInstances) violations.Add(("instances", $"exceeds the maximum length {MaxCheckInstances}"));
            for (var i = 0; i < instances.Count; i++)
            {
                var p = $"instances[{i}]";
                var item = instances[i] as JsonObject;
                if (string.IsNullOrEmpty(CreateRequestRules.Str(item?["instance_id"]))) violations.Add((p + ".instance_id", "is required"));
                if (InstanceStore.Ms(item?["update_time"]) == null) violations.Add((p + ".update_time", "must be a string of Unix milliseconds"));
                // UNCONFIRMED whether tasks may be omitted; the typing marks it required, so the sandbox does too.
                if (!(item?["tasks"] is JsonArray tasks)) { violations.Add((p + ".tasks", "is required (send [] for none)")); continue; }
                for (var t = 0; t < tasks.Count; t++)
                {
                    if (string.IsNullOrEmpty(CreateRequestRules.Str(tasks[t]?["task_id"]))) violations.Add(($"{p}.tasks[{t}].task_id", "is required"));
                    if (InstanceStore.Ms(tasks[t]?["update_time"]) == null) violations.Add(($"{p}.tasks[{t}].update_time", "must be a string of Unix milliseconds"));
                }
            }
            if (violations.Count > 0) return FeishuEnvelope.InvalidParam(violations);
            return FeishuEnvelope.Ok(new JsonObject { ["diff_instances"] = _store.Check(instances) });
        }

        private static SandboxResponse Limited(int windowLimit, int resetSeconds) =>
            SandboxResponse.Json(429, new JsonObject { ["code"] = 99991400, ["msg"] = "request trigger frequency limit" })
                .WithHeader("x-ogw-ratelimit-limit", windowLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithHeader("x-ogw-ratelimit-reset", resetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        private static SandboxResponse TryLater() => FeishuEnvelope.Error(400, 1395001, "There have been some errors. Please try again later");

        /// <summary>The generic internal error (code 2200, "retry with backoff" in the generic error-code table) as HTTP 500.</summary>
        public SandboxResponse TransientError(SandboxRequest request) => FeishuEnvelope.Error(500, 2200, "Internal Error");

        public SandboxResponse RateLimited(SandboxRequest request) => Limited(Math.Max(1, _rate.PerSecond), 1);
    }
}
