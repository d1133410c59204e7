namespace ApprovalTools.Sandbox.Hosting
{
    /// <summary>One simulated API. Handle is called concurrently; a service guards its own state.</summary>
    public interface ISandboxService
    {
        /// <summary>Key of the service's fault plan: "approval", "batch" or "project".</summary>
        string Name { get; }

        bool Handles(SandboxRequest request);

        SandboxResponse Handle(SandboxRequest request);

        /// <summary>The service's own "try again later" answer, used for injected errors.</summary>
        SandboxResponse TransientError(SandboxRequest request);

        /// <summary>The service's own rate-limit answer, used for injected 429 bursts.</summary>
        SandboxResponse RateLimited(SandboxRequest request);
    }
}
