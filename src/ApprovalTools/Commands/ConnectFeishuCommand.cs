using System;
using System.Management.Automation;
using System.Security;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Connect-Feishu: makes a Feishu connection, fetches a tenant token now (wrong credentials stop here), sets it as default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Feishu", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(FeishuConnection))]
    public sealed class ConnectFeishuCommand : ConnectCmdlet
    {
        private const string SecretSet = "AppSecret";
        private const string CredentialSet = "Credential";
        private const string EnvironmentSet = "Environment";
        private const string SandboxSet = "Sandbox";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = SandboxSet)]
        [Alias("app_id")]
        public string AppId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = SecretSet)]
        public SecureString? AppSecret { get; set; }

        /// <summary>User name = app id, password = app secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential? Credential { get; set; }

        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidateSet("Feishu", "Lark")]
        public string Region { get; set; } = "Feishu";

        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        public Uri? BaseUri { get; set; }

        /// <summary>Connects to the sandbox embedded in the module (started on first use, 127.0.0.1 only).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SandboxSet)]
        public SwitchParameter Sandbox { get; set; }

        /// <summary>Client-side limit per API (the documented server limit is 50 calls per second and 1000 per minute per API).</summary>
        [Parameter]
        [ValidateRange(0, 1000)]
        public int RequestsPerSecond { get; set; } = FeishuProtocol.RequestsPerSecond;

        [Parameter]
        [ValidateRange(0, 60000)]
        public int RequestsPerMinute { get; set; } = FeishuProtocol.RequestsPerMinute;

        protected override void ProcessRecord()
        {
            FeishuConnectionOptions options;
            if (ParameterSetName == SandboxSet)
            {
                var sandbox = ApprovalTools.Sandbox.Sandbox.Shared;
                options = new FeishuConnectionOptions
                {
                    AppId = string.IsNullOrEmpty(AppId) ? "cli_sandbox" : AppId,
                    AppSecret = new Secret(sandbox.Settings.AppSecret),
                    BaseUri = sandbox.BaseUri,
                    IsSandbox = true,
                };
            }
            else
            {
                options = new FeishuConnectionOptions
                {
                    AppId = Credential?.UserName ?? (string.IsNullOrEmpty(AppId) ? null : AppId),
                    AppSecret = Credential != null ? SecureStrings.ToSecret(Credential.Password) : AppSecret != null ? SecureStrings.ToSecret(AppSecret) : null,
                    Region = MyInvocation.BoundParameters.ContainsKey(nameof(Region)) ? (Region == "Lark" ? FeishuRegion.Lark : FeishuRegion.Feishu) : (FeishuRegion?)null,
                    BaseUri = BaseUri,
                };
                options = Read(() => options.WithEnvironment());
            }
            ConnectWithDeadline(options with { Resilience = new ResilienceSettings { DefaultRequestsPerSecond = RequestsPerSecond, DefaultRequestsPerMinute = RequestsPerMinute } });
        }
    }
}
