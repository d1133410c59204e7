using System;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Project
{
    /// <summary>
    /// A Feishu Project tenant (or the sandbox) as one plugin identity acting for one user: what Connect-FeishuProject
    /// returns and -Connection takes. Owns the one request pipeline; the plugin secret stays inside as a <see cref="Secret"/>.
    /// </summary>
    public sealed class FeishuProjectConnection : IDisposable
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://project.feishu.cn/");

        /// <summary>The documented limit: 15 requests per second per token and API.</summary>
        public const int RequestsPerSecond = 15;

        public FeishuProjectConnection(string pluginId, Secret pluginSecret, string userKey, Uri? baseUri = null,
            ResilienceSettings? settings = null, bool isSandbox = false)
        {
            if (string.IsNullOrWhiteSpace(pluginId)) throw new ArgumentException("The plugin ID is required.", nameof(pluginId));
            if (pluginSecret == null || pluginSecret.IsEmpty) throw new ArgumentException("The plugin secret is required.", nameof(pluginSecret));
            if (string.IsNullOrWhiteSpace(userKey)) throw new ArgumentException("The user key (X-USER-KEY) is required with a plugin token.", nameof(userKey));
            PluginId = pluginId;
            UserKey = userKey;
            BaseUri = WithSlash(baseUri ?? DefaultBaseUri);
            IsSandbox = isSandbox;
            Settings = settings ?? new ResilienceSettings { DefaultRequestsPerSecond = RequestsPerSecond };
            Protocol = new FeishuProjectProtocol(pluginId, pluginSecret, userKey);
            var redactor = new Redactor();
            redactor.Add(pluginSecret.Reveal());
            Transport = new ApiTransport(BaseUri, Protocol, Settings, redactor);
            Protocol.Attach(Transport);
        }

        public string PluginId { get; }

        /// <summary>Sent as X-USER-KEY: the user the plugin acts for.</summary>
        public string UserKey { get; }

        public Uri BaseUri { get; }

        public bool IsSandbox { get; }

        public DateTimeOffset? ConnectedAt { get; private set; }

        /// <summary>Retry, timeout and rate-limit tunables of this connection.</summary>
        public ResilienceSettings Settings { get; }

        internal FeishuProjectProtocol Protocol { get; }

        internal ApiTransport Transport { get; }

        /// <summary>Fetches the plugin token now, so bad credentials fail at connect time rather than on the first item.</summary>
        public async Task ConnectAsync(CancellationToken cancellationToken)
        {
            await Protocol.Tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            ConnectedAt = DateTimeOffset.UtcNow;
        }

        public override string ToString() => $"Feishu Project {BaseUri.Host}:{BaseUri.Port} plugin {PluginId} as {UserKey}";

        public void Dispose() => Transport.Dispose();

        private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
