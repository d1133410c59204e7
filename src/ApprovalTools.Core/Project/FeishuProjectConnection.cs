using System;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Project
{
    /// <summary>
    /// A Feishu Project tenant (or the sandbox) as one plugin identity acting for one user: what Connect-FeishuProject
    /// returns and -Connection takes. The plugin secret stays inside as a <see cref="Secret"/>.
    /// </summary>
    public sealed class FeishuProjectConnection : ServiceConnection
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://project.feishu.cn/");

        internal FeishuProjectConnection(string pluginId, string userKey, bool isSandbox, FeishuProjectProtocol protocol, ApiTransport transport, DateTimeOffset connectedAt)
            : base(transport.BaseUri, isSandbox, transport, connectedAt)
        {
            PluginId = pluginId;
            UserKey = userKey;
            Protocol = protocol;
            Client = new FeishuProjectClient(transport, protocol);
        }

        public string PluginId { get; }

        /// <summary>Sent as X-USER-KEY: the user the plugin acts for.</summary>
        public string UserKey { get; }

        internal FeishuProjectProtocol Protocol { get; }

        internal FeishuProjectClient Client { get; }

        private protected override string TenantName => $"Feishu Project plugin {PluginId} as user {UserKey} at {Host}";

        internal override Task VerifyAsync(CancellationToken cancellationToken) => Protocol.Tokens.GetAsync(cancellationToken);
    }

    /// <summary>What a Feishu Project connection is made from (Connect-FeishuProject's parameters, or the environment).</summary>
    public sealed record FeishuProjectConnectionOptions : ConnectionOptions<FeishuProjectConnection>
    {
        /// <summary>Plugin ID (MII_...).</summary>
        public string? PluginId { get; init; }

        public Secret? PluginSecret { get; init; }

        /// <summary>The user the plugin acts for (X-USER-KEY).</summary>
        public string? UserKey { get; init; }

        /// <summary>
        /// These options with every value not given taken from the environment: FEISHU_PROJECT_PLUGIN_ID,
        /// FEISHU_PROJECT_PLUGIN_SECRET, FEISHU_PROJECT_USER_KEY and FEISHU_PROJECT_BASE_URI.
        /// </summary>
        public FeishuProjectConnectionOptions WithEnvironment(Func<string, string?>? read = null)
        {
            read = ReaderOrProcess(read);
            return this with
            {
                PluginId = Either(PluginId, read, EnvironmentVariables.FeishuProjectPluginId),
                PluginSecret = EitherSecret(PluginSecret, read, EnvironmentVariables.FeishuProjectPluginSecret),
                UserKey = Either(UserKey, read, EnvironmentVariables.FeishuProjectUserKey),
                BaseUri = EitherUri(BaseUri, read, EnvironmentVariables.FeishuProjectBaseUri),
            };
        }

        internal override FeishuProjectConnection Open()
        {
            if (string.IsNullOrWhiteSpace(PluginId) || PluginSecret == null || PluginSecret.IsEmpty)
            {
                throw new ConnectionSetupException(ConnectionErrors.CredentialsMissing,
                    $"No Feishu Project plugin credentials: give -PluginId and -PluginSecret, set {EnvironmentVariables.FeishuProjectPluginId} and {EnvironmentVariables.FeishuProjectPluginSecret}, or use -Sandbox.",
                    string.IsNullOrWhiteSpace(PluginId) ? nameof(PluginId) : nameof(PluginSecret));
            }
            if (string.IsNullOrWhiteSpace(UserKey))
            {
                throw new ConnectionSetupException(ConnectionErrors.CredentialsMissing,
                    $"No user key: give -UserKey (double-click your avatar in Feishu Project to copy it) or set {EnvironmentVariables.FeishuProjectUserKey}; a plugin token acts for that user.",
                    nameof(UserKey));
            }
            var pluginId = PluginId!.Trim();
            var userKey = UserKey!.Trim();
            var protocol = new FeishuProjectProtocol(pluginId, PluginSecret, userKey, ClockOrSystem);
            var transport = new ApiTransport(ServiceBaseUri.Normalize(BaseUri ?? FeishuProjectConnection.DefaultBaseUri), protocol, ResilienceOrDefault,
                handler: Handler, clock: ClockOrSystem);
            return new FeishuProjectConnection(pluginId, userKey, IsSandbox, protocol, transport, ClockOrSystem());
        }
    }
}
