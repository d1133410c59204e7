using System;
using System.Management.Automation;
using System.Security;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Connect-Feishu: makes a Feishu connection, fetches a tenant token now (wrong credentials stop here), sets it as default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Feishu", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(FeishuConnection))]
    public sealed class ConnectFeishuCommand : ApprovalCmdlet
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

        [Parameter]
        [ValidateRange(1, 1000)]
        public int RequestsPerSecond { get; set; } = 50;

        [Parameter]
        [ValidateRange(1, 60000)]
        public int RequestsPerMinute { get; set; } = 1000;

        protected override void ProcessRecord()
        {
            var options = ParameterSetName == EnvironmentSet ? FeishuConnectionOptions.FromEnvironment() : new FeishuConnectionOptions();
            if (options == null)
                Terminate("FeishuCredentialsMissing", ErrorKind.InvalidArgument,
                    "No Feishu credentials: give -AppId and -AppSecret, -Credential, -Sandbox, or set FEISHU_APP_ID and FEISHU_APP_SECRET.");
            options!.Region = Region == "Lark" ? FeishuRegion.Lark : FeishuRegion.Feishu;
            options.BaseUri = BaseUri;
            options.RequestsPerSecond = RequestsPerSecond;
            options.RequestsPerMinute = RequestsPerMinute;
            if (ParameterSetName == SecretSet || ParameterSetName == CredentialSet)
            {
                options.AppId = Credential?.UserName ?? AppId;
                options.AppSecret = SecureStrings.ToSecret((Credential?.Password ?? AppSecret)!);
            }
            else if (ParameterSetName == SandboxSet)
            {
                var sandbox = ApprovalTools.Sandbox.Sandbox.Shared;
                options.AppId = string.IsNullOrEmpty(AppId) ? "cli_sandbox" : AppId;
                options.AppSecret = new Secret(sandbox.Settings.AppSecret);
                options.BaseUri = sandbox.BaseUri;
                options.IsSandbox = true;
            }
            Run(() =>
            {
                FeishuConnection connection;
                try
                {
                    connection = FeishuConnector.ConnectAsync(options, Cancellation).GetAwaiter().GetResult();
                }
                catch (ApiException ex) when (ex.Kind != ErrorKind.Authentication)
                {
                    ThrowTerminatingError(ErrorRecords.From(ex, null));
                    return;
                }
                DefaultConnections.Set(connection);
                WriteObject(connection);
            });
        }
    }
}
