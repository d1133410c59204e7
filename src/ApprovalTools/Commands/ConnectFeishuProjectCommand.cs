using System;
using System.Management.Automation;
using System.Security;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Connects to Feishu Project as a plugin acting for a user; fetches the plugin token at once so bad credentials stop here.</summary>
    [Cmdlet(VerbsCommunications.Connect, "FeishuProject", DefaultParameterSetName = TenantSet)]
    [OutputType(typeof(FeishuProjectConnection))]
    public sealed class ConnectFeishuProjectCommand : ConnectCmdlet
    {
        private const string TenantSet = "Tenant";
        private const string SandboxSet = "Sandbox";

        /// <summary>The sandbox's demo user, used when neither -UserKey nor FEISHU_PROJECT_USER_KEY is given.</summary>
        private const string SandboxUserKey = "7136000000000000676";

        /// <summary>Plugin ID (MII_...); default: $env:FEISHU_PROJECT_PLUGIN_ID.</summary>
        [Parameter(ParameterSetName = TenantSet, Position = 0)]
        [Alias("plugin_id")]
        public string? PluginId { get; set; }

        /// <summary>Plugin secret; default: $env:FEISHU_PROJECT_PLUGIN_SECRET.</summary>
        [Parameter(ParameterSetName = TenantSet)]
        public SecureString? PluginSecret { get; set; }

        /// <summary>The user the plugin acts for (X-USER-KEY); default: $env:FEISHU_PROJECT_USER_KEY.</summary>
        [Parameter(ParameterSetName = TenantSet)]
        [Parameter(ParameterSetName = SandboxSet)]
        [Alias("user_key")]
        public string? UserKey { get; set; }

        /// <summary>Default: $env:FEISHU_PROJECT_BASE_URI, else https://project.feishu.cn/.</summary>
        [Parameter(ParameterSetName = TenantSet)]
        public Uri? BaseUri { get; set; }

        /// <summary>Use the sandbox embedded in the module (demo space "demo") instead of a tenant.</summary>
        [Parameter(ParameterSetName = SandboxSet, Mandatory = true)]
        public SwitchParameter Sandbox { get; set; }

        /// <summary>A seed JSON file of work items to add to the sandbox (format in the README) before connecting.</summary>
        [Parameter(ParameterSetName = SandboxSet)]
        public string? SeedPath { get; set; }

        protected override void EndProcessing()
        {
            FeishuProjectConnectionOptions options;
            if (Sandbox.IsPresent)
            {
                var sandbox = ApprovalTools.Sandbox.Sandbox.Shared;
                if (SeedPath != null) LoadSeed(sandbox.Project, GetUnresolvedProviderPathFromPSPath(SeedPath));
                options = new FeishuProjectConnectionOptions
                {
                    PluginId = "sandbox-plugin",
                    PluginSecret = new Secret(sandbox.Settings.PluginSecret),
                    UserKey = UserKey ?? Read(() => new FeishuProjectConnectionOptions().WithEnvironment().UserKey) ?? SandboxUserKey,
                    BaseUri = sandbox.BaseUri,
                    IsSandbox = true,
                };
            }
            else
            {
                var given = new FeishuProjectConnectionOptions
                {
                    PluginId = PluginId,
                    PluginSecret = PluginSecret == null ? null : SecureStrings.ToSecret(PluginSecret),
                    UserKey = UserKey,
                    BaseUri = BaseUri,
                };
                options = Read(() => given.WithEnvironment());
            }
            ConnectWithDeadline(options);
        }

        private void LoadSeed(ApprovalTools.Sandbox.Project.ProjectService project, string path)
        {
            try
            {
                project.LoadSeedFile(path);
            }
            catch (Exception ex) when (ex is FormatException || ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                Terminate("SandboxSeedInvalid", ErrorKind.InvalidData, $"Cannot load the sandbox seed '{path}': {ex.Message}", SeedPath);
            }
        }
    }
}
