using System;
using System.Net.Http;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Connections
{
    /// <summary>
    /// What a connection is made from, common to the three services. Immutable: a connection copies nothing from a
    /// caller's object that could change later, and <c>options with { ... }</c> makes a variant. Secrets travel as
    /// <see cref="Secret"/>. Pipeline tunables (retries, timeouts, rates) are in <see cref="Resilience"/>.
    /// </summary>
    public abstract record ConnectionOptions<TConnection> where TConnection : ServiceConnection
    {
        /// <summary>The service's host (a proxy, a private deployment, the sandbox); null = the service's public default.</summary>
        public Uri? BaseUri { get; init; }

        /// <summary>Set by the -Sandbox connections; shown on the connection and in every confirmation target.</summary>
        public bool IsSandbox { get; init; }

        /// <summary>Retry, timeout and rate tunables; null = defaults with the service's documented rate.</summary>
        public ResilienceSettings? Resilience { get; init; }

        /// <summary>The HTTP handler under the pipeline (tests, proxies); null = a new HttpClientHandler. Disposed with the connection.</summary>
        public HttpMessageHandler? Handler { get; init; }

        /// <summary>Clock of token lifetimes, Retry-After dates and the connect time; tests give a manual one.</summary>
        internal Func<DateTimeOffset>? Clock { get; init; }

        /// <summary>Checks the options and builds the connection without sending anything.</summary>
        /// <exception cref="ConnectionSetupException">A required value is missing or unusable.</exception>
        internal abstract TConnection Open();

        internal ResilienceSettings ResilienceOrDefault => Resilience ?? new ResilienceSettings();

        internal Func<DateTimeOffset> ClockOrSystem => Clock ?? SystemClock.UtcNow;

        /// <summary>A value given, else the environment's (blank counts as not set).</summary>
        protected static string? Either(string? given, Func<string, string?> read, string variable)
        {
            if (!string.IsNullOrWhiteSpace(given)) return given;
            var value = read(variable);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        protected static Uri? EitherUri(Uri? given, Func<string, string?> read, string variable) =>
            given ?? (Either(null, read, variable) is string text ? ServiceBaseUri.Normalize(text, variable) : null);

        protected static Secret? EitherSecret(Secret? given, Func<string, string?> read, string variable) =>
            given != null && !given.IsEmpty ? given : Either(null, read, variable) is string text ? new Secret(text) : null;

        protected static Func<string, string?> ReaderOrProcess(Func<string, string?>? read) => read ?? Environment.GetEnvironmentVariable;
    }
}
