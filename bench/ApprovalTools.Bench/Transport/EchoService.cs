using System.Text.Json.Nodes;
using ApprovalTools.Sandbox.Hosting;

namespace ApprovalTools.Bench.Transport
{
    /// <summary>A sandbox service answering /bench/* with a small success envelope echoing the body size.</summary>
    internal sealed class EchoService : ISandboxService
    {
        public string Name => "bench";

        public bool Handles(SandboxRequest request) => request.Path.StartsWith("/bench/", StringComparison.Ordinal);

        public SandboxResponse Handle(SandboxRequest request) =>
            SandboxResponse.Json(200, new JsonObject { ["code"] = 0, ["msg"] = "success", ["data"] = new JsonObject { ["bytes"] = request.Body.Length } });

        public SandboxResponse TransientError(SandboxRequest request) => SandboxResponse.Json(500, new JsonObject { ["code"] = 1395001, ["msg"] = "try later" });

        public SandboxResponse RateLimited(SandboxRequest request) =>
            SandboxResponse.Json(429, new JsonObject { ["code"] = 99991400, ["msg"] = "too many requests" }).WithHeader("x-ogw-ratelimit-reset", "1");
    }
}
