using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
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

    /// <summary>
    /// A connection to one Feishu app (tenant). Holds no secret in any property; ToString shows the app and host only.
    /// Made by <see cref="FeishuConnector"/>; Connect-Feishu returns it and makes it the default.
    /// </summary>
    public sealed class FeishuConnection : IDisposable
    {
        internal FeishuConnection(string appId, Uri baseUri, FeishuRegion region, bool isSandbox, FeishuApprovalClient client)
        {
            AppId = appId;
            BaseUri = baseUri;
            Region = region;
            IsSandbox = isSandbox;
            Client = client;
            CreatedAt = DateTimeOffset.UtcNow;
        }

        public string AppId { get; }
        public Uri BaseUri { get; }
        public FeishuRegion Region { get; }
        public bool IsSandbox { get; }
        public DateTimeOffset CreatedAt { get; }

        internal FeishuApprovalClient Client { get; }

        public override string ToString() => $"Feishu app {AppId} at {BaseUri}" + (IsSandbox ? " (sandbox)" : string.Empty);

        public void Dispose() => Client.Dispose();
    }

    /// <summary>What a connection is made from. The secret travels as <see cref="Secret"/>, never as a plain property.</summary>
    public sealed class FeishuConnectionOptions
    {
        public string AppId { get; set; } = string.Empty;
        public Secret AppSecret { get; set; } = new Secret(string.Empty);
        public FeishuRegion Region { get; set; } = FeishuRegion.Feishu;

        /// <summary>Overrides <see cref="Region"/>'s host.</summary>
        public Uri? BaseUri { get; set; }

        public bool IsSandbox { get; set; }

        /// <summary>Client-side limit per endpoint and second (the documented server limit is 50/s and 1000/min per API); 0 = none.</summary>
        public int RequestsPerSecond { get; set; } = 50;

        /// <summary>Client-side limit per endpoint and minute; 0 = none.</summary>
        public int RequestsPerMinute { get; set; } = 1000;

        public ResilienceSettings? Resilience { get; set; }

        public HttpMessageHandler? Handler { get; set; }

        /// <summary>FEISHU_APP_ID / FEISHU_APP_SECRET, or null when either is missing.</summary>
        public static FeishuConnectionOptions? FromEnvironment(Func<string, string?>? read = null)
        {
            read ??= Environment.GetEnvironmentVariable;
            var appId = read("FEISHU_APP_ID");
            var secret = read("FEISHU_APP_SECRET");
            if (string.IsNullOrEmpty(appId) || string.IsNullOrEmpty(secret)) return null;
            return new FeishuConnectionOptions { AppId = appId!, AppSecret = new Secret(secret!) };
        }
    }

    public static class FeishuConnector
    {
        public static readonly Uri FeishuBaseUri = new Uri("https://open.feishu.cn/");
        public static readonly Uri LarkBaseUri = new Uri("https://open.larksuite.com/");

        /// <summary>Makes a connection without calling the server (the token is fetched on first use).</summary>
        public static FeishuConnection Create(FeishuConnectionOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.AppId)) throw new ArgumentException("AppId is required.", nameof(options));
            if (options.AppSecret.IsEmpty) throw new ArgumentException("AppSecret is required.", nameof(options));
            var region = options.BaseUri != null && options.Region != FeishuRegion.Lark ? FeishuRegion.Custom : options.Region;
            var baseUri = options.BaseUri ?? (options.Region == FeishuRegion.Lark ? LarkBaseUri : FeishuBaseUri);
            if (!baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal)) baseUri = new Uri(baseUri.AbsoluteUri + "/");
            var settings = options.Resilience ?? new ResilienceSettings();
            settings.DefaultRequestsPerSecond = options.RequestsPerSecond;
            settings.DefaultRequestsPerMinute = options.RequestsPerMinute;
            var protocol = new FeishuProtocol(options.AppId, options.AppSecret);
            var transport = new ApiTransport(baseUri, protocol, settings, handler: options.Handler);
            protocol.Attach(transport);
            return new FeishuConnection(options.AppId, baseUri, region, options.IsSandbox, new FeishuApprovalClient(transport, protocol));
        }

        /// <summary>Makes a connection and fetches a tenant token now, so wrong credentials fail here (Authentication kind).</summary>
        public static async Task<FeishuConnection> ConnectAsync(FeishuConnectionOptions options, CancellationToken cancellationToken)
        {
            var connection = Create(options);
            try
            {
                await connection.Client.Protocol.Tokens.GetAsync(cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }
}
