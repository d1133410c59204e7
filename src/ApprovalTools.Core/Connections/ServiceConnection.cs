using System;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Connections
{
    /// <summary>
    /// A connection to one tenant of one service, made by <see cref="Connector"/> from immutable options. It shows only
    /// what a user needs (service, base URI, sandbox or not, when it was made, the tenant); the request pipeline, the
    /// client and the settings are internal, and no property, ToString or message holds a secret.
    /// </summary>
    public abstract class ServiceConnection : IDisposable
    {
        private int _disposed;

        private protected ServiceConnection(Uri baseUri, bool isSandbox, ApiTransport transport, DateTimeOffset connectedAt)
        {
            BaseUri = baseUri;
            IsSandbox = isSandbox;
            Transport = transport;
            ConnectedAt = connectedAt;
        }

        public ServiceKind Service => Transport.Service;

        /// <summary>Ends with '/'.</summary>
        public Uri BaseUri { get; }

        public bool IsSandbox { get; }

        /// <summary>When the connection was made.</summary>
        public DateTimeOffset ConnectedAt { get; }

        /// <summary>
        /// Who requests act on, for confirmation prompts and -WhatIf: "Feishu app cli_x at open.feishu.cn",
        /// "batch approval server https://approval.example.com/", "... (sandbox)".
        /// </summary>
        public string Tenant => TenantName + (IsSandbox ? " (sandbox)" : string.Empty);

        /// <summary>False once disposed (Disconnect-*, or replaced as the default by a later Connect-*).</summary>
        public bool IsOpen => Volatile.Read(ref _disposed) == 0;

        internal ApiTransport Transport { get; }

        internal ResilienceSettings Settings => Transport.Settings;

        private protected abstract string TenantName { get; }

        /// <summary>Contacts the service where it has a way to check credentials (a token fetch); the batch API has none.</summary>
        internal virtual Task VerifyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>The host part of <see cref="BaseUri"/>, with a port only when it is not the scheme's default.</summary>
        private protected string Host => BaseUri.IsDefaultPort ? BaseUri.Host : BaseUri.Host + ":" + BaseUri.Port;

        public override string ToString() => Tenant;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Transport.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
