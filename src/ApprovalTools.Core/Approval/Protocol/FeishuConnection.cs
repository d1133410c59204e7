using System;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Approval.Protocol
{
    public enum FeishuRegion
    {
        /// <summary>https://open.feishu.cn (mainland China).</summary>
        Feishu,

        /// <summary>https://open.larksuite.com (international).</summary>
        Lark,

        /// <summary>A base URI given explicitly (a proxy, the sandbox).</summary>
        Custom,
    }

    /// <summary>A connection to one Feishu app (tenant): what Connect-Feishu returns and -Connection takes.</summary>
    public sealed class FeishuConnection : ServiceConnection
    {
        public static readonly Uri FeishuBaseUri = new Uri("https://open.feishu.cn/");
        public static readonly Uri LarkBaseUri = new Uri("https://open.larksuite.com/");

        internal FeishuConnection(string appId, FeishuRegion region, bool isSandbox, FeishuApprovalClient client, DateTimeOffset connectedAt)
            : base(client.Transport.BaseUri, isSandbox, client.Transport, connectedAt)
        {
            AppId = appId;
            Region = region;
            Client = client;
        }

        public string AppId { get; }

        public FeishuRegion Region { get; }

        internal FeishuApprovalClient Client { get; }

        private protected override string TenantName => $"Feishu app {AppId} at {Host}";

        internal override Task VerifyAsync(CancellationToken cancellationToken) => Client.Protocol.Tokens.GetAsync(cancellationToken);
    }

    /// <summary>What a Feishu connection is made from (Connect-Feishu's parameters, or the environment).</summary>
    public sealed record FeishuConnectionOptions : ConnectionOptions<FeishuConnection>
    {
        public string? AppId { get; init; }

        public Secret? AppSecret { get; init; }

        /// <summary>Null = Feishu; ignored when <see cref="ConnectionOptions{T}.BaseUri"/> is given.</summary>
        public FeishuRegion? Region { get; init; }

        /// <summary>
        /// These options with every value not given taken from the environment: FEISHU_APP_ID, FEISHU_APP_SECRET,
        /// FEISHU_BASE_URI and FEISHU_REGION (Feishu or Lark). A region given here keeps the environment's base URI out.
        /// </summary>
        /// <exception cref="ConnectionSetupException">FEISHU_REGION or FEISHU_BASE_URI holds an unusable value.</exception>
        public FeishuConnectionOptions WithEnvironment(Func<string, string?>? read = null)
        {
            read = ReaderOrProcess(read);
            var region = Region;
            if (region == null && Either(null, read, EnvironmentVariables.FeishuRegion) is string text)
            {
                if (!Enum.TryParse<FeishuRegion>(text, true, out var parsed) || parsed == FeishuRegion.Custom)
                {
                    throw new ConnectionSetupException(ConnectionErrors.InvalidConnectionParameter,
                        $"{EnvironmentVariables.FeishuRegion} is '{text}'; it must be Feishu or Lark.", EnvironmentVariables.FeishuRegion);
                }
                region = parsed;
            }
            return this with
            {
                AppId = Either(AppId, read, EnvironmentVariables.FeishuAppId),
                AppSecret = EitherSecret(AppSecret, read, EnvironmentVariables.FeishuAppSecret),
                Region = region,
                BaseUri = Region != null ? BaseUri : EitherUri(BaseUri, read, EnvironmentVariables.FeishuBaseUri),
            };
        }

        internal override FeishuConnection Open()
        {
            if (string.IsNullOrWhiteSpace(AppId) || AppSecret == null || AppSecret.IsEmpty)
            {
                throw new ConnectionSetupException(ConnectionErrors.CredentialsMissing,
                    $"No Feishu credentials: give -AppId and -AppSecret, -Credential, -Sandbox, or set {EnvironmentVariables.FeishuAppId} and {EnvironmentVariables.FeishuAppSecret}.",
                    string.IsNullOrWhiteSpace(AppId) ? nameof(AppId) : nameof(AppSecret));
            }
            var baseUri = ServiceBaseUri.Normalize(BaseUri ?? (Region == FeishuRegion.Lark ? FeishuConnection.LarkBaseUri : FeishuConnection.FeishuBaseUri));
            var region = baseUri == FeishuConnection.FeishuBaseUri ? FeishuRegion.Feishu : baseUri == FeishuConnection.LarkBaseUri ? FeishuRegion.Lark : FeishuRegion.Custom;
            var appId = AppId!.Trim();
            Json.CreateAnswerWarmup.Start();
            var protocol = new FeishuProtocol(appId, AppSecret, ClockOrSystem);
            var transport = new ApiTransport(baseUri, protocol, ResilienceOrDefault, handler: Handler, clock: ClockOrSystem);
            return new FeishuConnection(appId, region, IsSandbox, new FeishuApprovalClient(transport, protocol), ClockOrSystem());
        }
    }
}
