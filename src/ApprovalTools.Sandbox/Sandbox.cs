using System;
using System.Collections.Generic;
using ApprovalTools.Sandbox.Hosting;

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
            var services = new List<ISandboxService> { Approval };
            Server = SandboxServer.Start(settings.Port, services);
        }

        public SandboxSettings Settings { get; }

        /// <summary>The Feishu approval simulator (tokens, external instance create/check); its state is inspectable.</summary>
        public Approval.ApprovalService Approval { get; }

        public SandboxServer Server { get; }

        public Uri BaseUri => Server.BaseUri;

        public static Sandbox Start(SandboxSettings? settings = null) => new Sandbox(settings ?? new SandboxSettings());

        private static readonly Lazy<Sandbox> SharedInstance = new Lazy<Sandbox>(() => Start(new SandboxSettings
        {
            AppSecret = RandomSecret(),
            PluginSecret = RandomSecret(),
            BatchToken = RandomSecret(),
        }));

        /// <summary>
        /// The sandbox embedded in the module for <c>Connect-* -Sandbox</c>: started on first use, on a free
        /// port, with secrets made up for this process, shared by all three services' connections.
        /// </summary>
        public static Sandbox Shared => SharedInstance.Value;

        private static string RandomSecret() => Guid.NewGuid().ToString("N");

        public void Dispose() => Server.Dispose();
    }
}
