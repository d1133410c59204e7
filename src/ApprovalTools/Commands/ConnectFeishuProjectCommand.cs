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
    public sealed class ConnectFeishuProjectCommand : ApprovalCmdlet
    {
        private const string TenantSet = "Tenant";
        private const string SandboxSet = "Sandbox";

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

        [Parameter(ParameterSetName = TenantSet)]
        public Uri BaseUri { get; set; } = FeishuProjectConnection.DefaultBaseUri;

        /// <summary>Use the sandbox embedded in the module (demo space "demo") instead of a tenant.</summary>
        [Parameter(ParameterSetName = SandboxSet, Mandatory = true)]
        public SwitchParameter Sandbox { get; set; }

        /// <summary>A seed JSON file of work items to add to the sandbox (format in the README) before connecting.</summary>
        [Parameter(ParameterSetName = SandboxSet)]
        public string? SeedPath { get; set; }

        protected override void EndProcessing()
        {
            FeishuProjectConnection connection;
            if (Sandbox.IsPresent)
            {
                var sandbox = ApprovalTools.Sandbox.Sandbox.Shared;
                if (SeedPath != null) LoadSeed(sandbox.Project, GetUnresolvedProviderPathFromPSPath(SeedPath));
                connection = new FeishuProjectConnection("sandbox-plugin", new Secret(sandbox.Settings.PluginSecret),
                    UserKey ?? Env("FEISHU_PROJECT_USER_KEY") ?? "7136000000000000676", sandbox.BaseUri, isSandbox: true);
            }
            else
            {
                var pluginId = PluginId ?? Env("FEISHU_PROJECT_PLUGIN_ID");
                var secret = PluginSecret != null ? SecureStrings.ToSecret(PluginSecret) : Env("FEISHU_PROJECT_PLUGIN_SECRET") is string fromEnv ? new Secret(fromEnv) : null;
                var userKey = UserKey ?? Env("FEISHU_PROJECT_USER_KEY");
                if (pluginId == null || secret == null || secret.IsEmpty)
                {
                    Terminate("PluginCredentialsMissing", ErrorKind.Authentication,
                        "Give -PluginId and -PluginSecret, or set FEISHU_PROJECT_PLUGIN_ID and FEISHU_PROJECT_PLUGIN_SECRET, or use -Sandbox.");
                    return;
                }
                if (userKey == null)
                {
                    Terminate("UserKeyRequired", ErrorKind.Authentication,
                        "Give -UserKey (double-click your avatar in Feishu Project to copy it) or set FEISHU_PROJECT_USER_KEY.");
                    return;
                }
                connection = new FeishuProjectConnection(pluginId, secret, userKey, BaseUri);
            }

            Run(() =>
            {
                connection.ConnectAsync(Cancellation).GetAwaiter().GetResult();
                DefaultConnections.Set(connection);
                WriteObject(connection);
            });
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

        private static string? Env(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
    }
}
