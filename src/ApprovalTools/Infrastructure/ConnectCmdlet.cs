using System;
using System.Management.Automation;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Infrastructure
{
    /// <summary>What the three Connect-* cmdlets share beyond <see cref="ApprovalCmdlet"/>: the request deadline.</summary>
    public abstract class ConnectCmdlet : ApprovalCmdlet
    {
        /// <summary>The longest one request may take, all attempts and waits included (Invoke-RestMethod's name for it).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = (int)ResilienceSettings.DefaultRequestTimeout.TotalSeconds;

        /// <summary>Connects with <see cref="TimeoutSec"/> as the connection's request deadline.</summary>
        internal void ConnectWithDeadline<T>(ConnectionOptions<T> options) where T : ServiceConnection =>
            Connect(options with { Resilience = (options.Resilience ?? new ResilienceSettings()) with { RequestTimeout = TimeSpan.FromSeconds(TimeoutSec) } });
    }
}
