using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;

namespace ApprovalTools.Sandbox.Hosting
{
    /// <summary>What the sandbox answers. <see cref="DropConnection"/> aborts the connection instead.</summary>
    public sealed class SandboxResponse
    {
        private SandboxResponse(int status, byte[] body)
        {
            Status = status;
            Body = body;
        }

        public int Status { get; }

        public byte[] Body { get; }

        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>();

        public bool DropConnection { get; private set; }

        public static SandboxResponse Json(int status, JsonNode? body) =>
            new SandboxResponse(status, Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null"));

        public static SandboxResponse Text(int status, string text) => new SandboxResponse(status, Encoding.UTF8.GetBytes(text));

        public static SandboxResponse Dropped() => new SandboxResponse(0, Array.Empty<byte>()) { DropConnection = true };

        public SandboxResponse WithHeader(string name, string value)
        {
            Headers[name] = value;
            return this;
        }
    }
}
