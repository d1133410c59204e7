using System.Collections.Generic;
using System.Net.Http;

namespace ApprovalTools.Core.Http
{
    /// <summary>When a failed attempt may be sent again.</summary>
    public enum RetryScope
    {
        /// <summary>Reads and idempotent writes: retry on any transient failure.</summary>
        Always,

        /// <summary>
        /// Writes that are not idempotent (batch submit): retry only when the server provably did not act
        /// (connection refused, 429). A request whose outcome is unknown is reported, never replayed.
        /// </summary>
        OnlyIfNotProcessed,
    }

    /// <summary>One logical request; the transport may send it several times.</summary>
    public sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string pathAndQuery, string endpoint)
        {
            Method = method;
            PathAndQuery = pathAndQuery;
            Endpoint = endpoint;
        }

        public HttpMethod Method { get; }

        /// <summary>Path relative to the connection's base URI, query already encoded.</summary>
        public string PathAndQuery { get; }

        /// <summary>Rate-limit bucket, e.g. "POST external_instances".</summary>
        public string Endpoint { get; }

        /// <summary>UTF-8 JSON body, or null.</summary>
        public byte[]? Body { get; set; }

        public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>();

        public RetryScope Retry { get; set; } = RetryScope.Always;

        /// <summary>
        /// Set by the transport when an attempt of this request may have reached the server without a definite answer
        /// (connection lost after sending, no answer in time, 5xx), so a later "already done" answer may be its own doing.
        /// </summary>
        public bool MayHaveActed { get; internal set; }

        /// <summary>What each failed attempt ran into, in order (see <see cref="AttemptHistory"/>).</summary>
        internal List<string> Failures { get; } = new List<string>();

        /// <summary>False for the token endpoints themselves.</summary>
        public bool Authenticated { get; set; } = true;
    }
}
