using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ApprovalTools.Sandbox.Hosting;

namespace ApprovalTools.Tests.Support
{
    /// <summary>A sandbox service whose answers a test scripts, for exercising the transport on its own.</summary>
    public sealed class ScriptedService : ISandboxService
    {
        public ConcurrentQueue<Func<SandboxRequest, SandboxResponse>> Answers { get; } = new();

        public Func<SandboxRequest, SandboxResponse> Default { get; set; } = _ => Ok();

        public string Name => "scripted";

        public bool Handles(SandboxRequest request) => request.Path.StartsWith("/scripted", StringComparison.Ordinal);

        public SandboxResponse Handle(SandboxRequest request) => Answers.TryDequeue(out var next) ? next(request) : Default(request);

        public SandboxResponse TransientError(SandboxRequest request) => SandboxResponse.Json(500, new JsonObject { ["code"] = 1395001, ["msg"] = "try later" });

        public SandboxResponse RateLimited(SandboxRequest request) =>
            SandboxResponse.Json(429, new JsonObject { ["code"] = 99991400, ["msg"] = "request trigger frequency limit" }).WithHeader("x-ogw-ratelimit-reset", "1");

        public static SandboxResponse Ok(JsonNode? data = null) => SandboxResponse.Json(200, new JsonObject { ["code"] = 0, ["msg"] = "success", ["data"] = data ?? new JsonObject() });

        public void Then(Func<SandboxRequest, SandboxResponse> answer) => Answers.Enqueue(answer);
    }
}
