using System;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// The circuit breaker of one connection (one service at one base URI): attempts that got no answer (no connection, no
    /// answer in time) or a server failure count against it; rate limits and business errors do not, since they prove the
    /// server is alive. While it is open every request fails at once with <see cref="ErrorId"/>; after the break one probe
    /// is let through and its outcome decides whether the run resumes.
    /// </summary>
    internal sealed class OutageBreaker
    {
        public const string ErrorId = "CircuitOpen";

        private readonly ServiceKind _service;
        private readonly string _target;
        private readonly Redactor _redactor;
        private volatile string _lastFailure = "no answer";

        public OutageBreaker(ServiceKind service, Uri baseUri, Redactor redactor)
        {
            _service = service;
            _target = baseUri.GetLeftPart(UriPartial.Authority);
            _redactor = redactor;
        }

        public CircuitBreakerStrategyOptions<ApiResponse> Options(ResilienceSettings settings, Func<ResilienceContext, IRequestLog> logOf) => new CircuitBreakerStrategyOptions<ApiResponse>
        {
            FailureRatio = settings.BreakFailureRatio,
            MinimumThroughput = Math.Max(2, settings.BreakMinimumAttempts),
            SamplingDuration = settings.BreakSamplingDuration,
            BreakDuration = settings.BreakDuration,
            ShouldHandle = args => new ValueTask<bool>(CountsAsOutage(args.Outcome.Exception)),
            OnOpened = args =>
            {
                _lastFailure = Describe(args.Outcome.Exception);
                logOf(args.Context).Verbose($"{_service}: {_target} looks down ({_lastFailure}); not sending for {args.BreakDuration.TotalSeconds:0.#} s, then one probe.");
                return default;
            },
            OnHalfOpened = args =>
            {
                logOf(args.Context).Verbose($"{_service}: probing {_target} again.");
                return default;
            },
            OnClosed = args =>
            {
                logOf(args.Context).Verbose($"{_service}: {_target} answers again; resuming.");
                return default;
            },
        };

        /// <summary>No answer or a server failure; not a 429, a business error, a token problem or the user's cancellation.</summary>
        public static bool CountsAsOutage(Exception? exception)
        {
            switch (exception)
            {
                case HttpRequestException _:
                case TimeoutRejectedException _:
                    return true;
                case ApiException api:
                    return api.IsTransient && api.Kind != ErrorKind.RateLimited;
                default:
                    return false;
            }
        }

        public ApiException Translate(BrokenCircuitException exception)
        {
            var wait = exception.RetryAfter ?? TimeSpan.Zero;
            // Polly's clock is not injectable here: netstandard2.0's TimeProvider is not loadable in the test host.
            var at = DateTimeOffset.UtcNow + wait;
            var text = $"{_service}: {_target} is not answering ({_lastFailure}), so this request was not sent. "
                + $"The connection tries again at {at:HH:mm:ss} UTC (in {Math.Ceiling(wait.TotalSeconds):0} s); the items after that are sent if the probe succeeds.";
            return new ApiException(_service, ErrorId, ErrorKind.ConnectionError, _redactor.Redact(text),
                hint: $"Check that {_target} is reachable, then run the failed items again.", isTransient: true, retryAfter: wait, inner: exception);
        }

        private static string Describe(Exception? exception)
        {
            switch (exception)
            {
                case TimeoutRejectedException _:
                    return "no answer in time";
                case ApiException api when api.HttpStatus > 0:
                    return $"HTTP {api.HttpStatus}" + (api.Code > 0 ? $", code {api.Code}" : string.Empty);
                case null:
                    return "no answer";
                default:
                    var inner = exception;
                    while (inner.InnerException != null) inner = inner.InnerException;
                    return inner.Message;
            }
        }
    }
}
