using System;
using System.Collections.Generic;
using ApprovalTools.Sandbox.BatchApproval;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Sandbox.Project;

namespace ApprovalTools.Sandbox
{
    /// <summary>
    /// The local simulator of the three APIs behind one HTTP server on 127.0.0.1. Used by the tests, by the
    /// benchmarks, by <c>Connect-* -Sandbox</c> inside the module, and standalone for rehearsals.
    /// </summary>
    public sealed class Sandbox : IDisposable
    {
        private Sandbox(SandboxSettings settings)
        {
            Settings = settings;
            Approval = new Approval.ApprovalService(settings);
            Batch = new BatchApprovalService(settings);
            Project = new ProjectService(settings);
            var services = new List<ISandboxService> { Approval, Batch, Project };
            Server = SandboxServer.Start(settings.Port, services);
        }

        public SandboxSettings Settings { get; }

        /// <summary>The Feishu approval simulator (tokens, external instance create/check); its state is inspectable.</summary>
        public Approval.ApprovalService Approval { get; }

        public SandboxServer Server { get; }

        /// <summary>The batch approval API (batch approval open API docs, section 8).</summary>
        public BatchApprovalService Batch { get; }

        public Uri BaseUri => Server.BaseUri;

        /// <summary>Feishu Project: plugin tokens, node-flow work items, node complete/rollback.</summary>
        public ProjectService Project { get; }

        public static Sandbox Start(SandboxSettings? settings = null) => new Sandbox(settings ?? new SandboxSettings());

        private static readonly Lazy<Sandbox> SharedInstance = new Lazy<Sandbox>(() => SeedDemos(Start(new SandboxSettings
        {
            AppSecret = RandomSecret(),
            PluginSecret = RandomSecret(),
            BatchToken = RandomSecret(),
        })));

        /// <summary>
        /// The code of the demo third-party approval definition the embedded sandbox holds: the code of the official
        /// docs' examples, which examples/instances.json syncs into.
        /// </summary>
        public const string DemoApprovalCode = "81D31358-93AF-92D6-7425-01A5D67C4E71";

        /// <summary>The embedded sandbox starts with demo data, so README examples run as written.</summary>
        private static Sandbox SeedDemos(Sandbox sandbox)
        {
            sandbox.Project.SeedDemo();
            sandbox.Approval.SeedDefinition(DemoApprovalCode, "Purchase order (examples)");
            return sandbox;
        }

        /// <summary>
        /// The sandbox embedded in the module for <c>Connect-* -Sandbox</c>: started on first use, on a free
        /// port, with secrets made up for this process, shared by all three services' connections.
        /// </summary>
        public static Sandbox Shared => SharedInstance.Value;

        private static string RandomSecret() => Guid.NewGuid().ToString("N");

        public void Dispose() => Server.Dispose();
    }
}
