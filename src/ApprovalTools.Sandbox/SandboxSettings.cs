using System.Collections.Generic;

namespace ApprovalTools.Sandbox
{
    /// <summary>How a sandbox starts: its port and the credentials it accepts.</summary>
    public sealed class SandboxSettings
    {
        /// <summary>0 picks a free port on 127.0.0.1.</summary>
        public int Port { get; set; }

        /// <summary>Feishu: any app id is accepted with this secret.</summary>
        public string AppSecret { get; set; } = "sandbox-app-secret";

        /// <summary>Feishu Project: any plugin id is accepted with this secret.</summary>
        public string PluginSecret { get; set; } = "sandbox-plugin-secret";

        /// <summary>Batch approval: the bearer token the server expects; null accepts any request.</summary>
        public string? BatchToken { get; set; }

        /// <summary>
        /// Feishu: third-party approval definitions the sandbox starts with, by code, as if created in the developer
        /// console. Instances can only be synced into a code a definition holds.
        /// </summary>
        public IList<string> ApprovalDefinitions { get; } = new List<string>();
    }
}
