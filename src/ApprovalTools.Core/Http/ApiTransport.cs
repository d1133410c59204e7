using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// The one request pipeline of a connection: a single HttpClient, a client-side rate limiter per endpoint,
    /// a Polly pipeline (retry with exponential backoff and jitter around a per-attempt timeout), a token
    /// replay when the server rejects the token, envelope judging by the service protocol, and redacted
    /// verbose/debug logging. Everything that sends a request goes through <see cref="SendAsync"/>.
    /// </summary>
    public sealed class ApiTransport : IDisposable
    {
        private static readonly ResiliencePropertyKey<ApiRequest> RequestKey = new ResiliencePropertyKey<ApiRequest>("request");
        private static readonly ResiliencePropertyKey<IRequestLog> LogKey = new ResiliencePropertyKey<IRequestLog>("log");
        private static readonly ResiliencePropertyKey<bool> DeadlineKey = new ResiliencePropertyKey<bool>("deadline");

        private readonly HttpClient _http;
        private readonly ResiliencePipeline<ApiResponse> _pipeline;
        private readonly EndpointRateLimiters _limiters;
        private string? _lastToken;
        private volatile CheckedPath? _lastUri;
        private readonly OutageBreaker _breaker;

        /// <summary>Builds the pipeline and attaches <paramref name="protocol"/> to it (which registers its secrets with <see cref="Redactor"/>).</summary>
        public ApiTransport(Uri baseUri, IServiceProtocol protocol, ResilienceSettings? settings = null,
            Redactor? redactor = null, HttpMessageHandler? handler = null, Func<DateTimeOffset>? clock = null)
        {
            BaseUri = baseUri;
            Protocol = protocol;
            Settings = settings ?? new ResilienceSettings();
            Redactor = redactor ?? new Redactor();
            Clock = clock ?? SystemClock.UtcNow;
            _http = new HttpClient(WithoutRedirects(handler), disposeHandler: true);
            _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            _limiters = new EndpointRateLimiters(LimitFor, $"{protocol.Service} {baseUri.AbsoluteUri} {protocol.RateLimitScope}");
            _breaker = new OutageBreaker(protocol.Service, baseUri, Redactor);
            _pipeline = BuildPipeline(Settings);
            protocol.Attach(this);
        }

        public Uri BaseUri { get; }

        public IServiceProtocol Protocol { get; }

        public ResilienceSettings Settings { get; }

        public Redactor Redactor { get; }

        /// <summary>The clock of token lifetimes and Retry-After dates (tests give a manual one).</summary>
        public Func<DateTimeOffset> Clock { get; }

        public ServiceKind Service => Protocol.Service;

        /// <summary>The client-side limit of an endpoint: the settings' value, else the service's documented limit.</summary>
        public RateLimit LimitFor(string endpoint) => Settings.LimitFor(endpoint, Protocol.DefaultRateLimit);

        /// <summary>The process-wide schedule an endpoint's requests wait in (equal keys share one budget).</summary>
        internal string RateLimitKey(string endpoint) => _limiters.KeyFor(endpoint);

        /// <summary>Sends a request through the whole pipeline; returns a response the protocol accepted, or throws <see cref="ApiException"/>.</summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, IRequestLog? log, CancellationToken cancellationToken)
        {
            log ??= NullRequestLog.Instance;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(RequestKey, request);
            context.Properties.Set(LogKey, log);
            try
            {
                return await _pipeline.ExecuteAsync(
                    static (ctx, self) => new ValueTask<ApiResponse>(self.AttemptAsync(ctx)), context, this).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (ApiException)
            {
                throw;
            }
            catch (BrokenCircuitException ex)
            {
                throw _breaker.Translate(ex);
            }
            catch (Exception ex)
            {
                var deadline = context.Properties.GetValue(DeadlineKey, false);
                request.Failures.Add(deadline ? "cut off at the deadline" : AttemptHistory.Describe(ex, Settings.AttemptTimeout));
                throw Translate(ex, request, deadline);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private async Task<ApiResponse> AttemptAsync(ResilienceContext context)
        {
            var request = context.Properties.GetValue(RequestKey, null!);
            var log = context.Properties.GetValue(LogKey, NullRequestLog.Instance);
            var ct = context.CancellationToken;
            for (var replay = 0; ; replay++)
            {
                using var message = new HttpRequestMessage(request.Method, RequestUri(request));
                foreach (var header in request.Headers) message.Headers.TryAddWithoutValidation(header.Key, header.Value);
                if (request.Body != null)
                {
                    message.Content = new ByteArrayContent(request.Body);
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
                }

                var token = request.Authenticated ? await AuthenticateAsync(message, request, log, ct).ConfigureAwait(false) : null;
                if (log.IsDebugEnabled) log.Debug(Redactor.Redact(RequestLines.Describe(Service, message, request.Body)));

                // Last before the send: the limiter counts when a request leaves, so nothing slow may come between.
                var waited = Stopwatch.GetTimestamp();
                await _limiters.WaitAsync(request.Endpoint, ct).ConfigureAwait(false);
                if (log.IsDebugEnabled && MillisecondsSince(waited) > 0)
                {
                    log.Debug($"{Service}: waited {MillisecondsSince(waited)} ms for the client-side rate limit of {request.Endpoint} ({LimitFor(request.Endpoint)}).");
                }

                var watch = Stopwatch.GetTimestamp();
                ApiResponse response;
                try
                {
                    using var http = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                    var body = http.Content == null ? Array.Empty<byte>() : await http.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    response = new ApiResponse((int)http.StatusCode, body, http);
                }
                catch (Exception ex) when (log.IsVerboseEnabled && !(ex is OperationCanceledException && ct.IsCancellationRequested))
                {
                    log.Verbose(Redactor.Redact($"{Service}: {request.Method} {message.RequestUri!.PathAndQuery} -> no answer after {MillisecondsSince(watch)} ms ({ex.GetBaseException().Message})"));
                    throw;
                }

                var failure = Protocol.Classify(response);
                if (log.IsVerboseEnabled)
                {
                    log.Verbose($"{Service}: {request.Method} {message.RequestUri!.PathAndQuery} -> HTTP {response.Status} in {MillisecondsSince(watch)} ms"
                        + (failure == null ? string.Empty : $", code {failure.Code} ({Redactor.Redact(failure.Message)})")
                        + (response.LogId == null ? string.Empty : $", log id {response.LogId}"));
                }
                if (log.IsDebugEnabled) log.Debug(Redactor.Redact(RequestLines.Describe(Service, response)));
                if (response.Status >= 300 && response.Status < 400) throw Redirected(request, response);
                if (failure == null) return response;
                if (failure.Handling == FailureHandling.RateLimited) _limiters.Throttled(request.Endpoint);

                if (failure.Handling == FailureHandling.TokenRejected && token != null && replay == 0)
                {
                    if (log.IsDebugEnabled) log.Debug($"{Service}: the server rejected the access token; fetching a new one and sending again.");
                    Protocol.InvalidateToken(token);
                    continue;
                }

                throw ToException(failure, response);
            }
        }

        /// <summary>Adds the credentials; a token different from the last one used means a fetch or refresh happened.</summary>
        private Task<string?> AuthenticateAsync(HttpRequestMessage message, ApiRequest request, IRequestLog log, CancellationToken ct)
        {
            var watch = Stopwatch.GetTimestamp();
            return TaskResult.Then(Protocol.AuthenticateAsync(message, request, ct), (Self: this, Log: log, Watch: watch),
                static (s, token) => s.Self.Authenticated(token, s.Log, s.Watch));
        }

        private void Authenticated(string? token, IRequestLog log, long watch)
        {
            Redactor.Add(token);
            if (token != null && !string.Equals(Interlocked.Exchange(ref _lastToken, token), token, StringComparison.Ordinal) && log.IsDebugEnabled)
            {
                log.Debug($"{Service}: using a newly fetched access token (fetch and authentication took {MillisecondsSince(watch)} ms).");
            }
        }

        /// <summary>Whole milliseconds since a <see cref="Stopwatch.GetTimestamp"/> (a timestamp, unlike a Stopwatch, is not allocated per request).</summary>
        private static long MillisecondsSince(long timestamp) => (Stopwatch.GetTimestamp() - timestamp) * 1000 / Stopwatch.Frequency;

        /// <summary>
        /// Redirects are never followed: the request carries credentials (the token endpoints carry the app and plugin
        /// secrets in their bodies, the batch API custom headers), and none may leave the configured origin.
        /// </summary>
        private static HttpMessageHandler WithoutRedirects(HttpMessageHandler? handler)
        {
            if (handler == null) return new HttpClientHandler { AllowAutoRedirect = false };
            if (handler is HttpClientHandler client) client.AllowAutoRedirect = false;
            return handler;
        }

        private ApiException Redirected(ApiRequest request, ApiResponse response)
        {
            var header = response.Header("location");
            var location = header == null ? "no Location" : Uri.TryCreate(BaseUri, header, out var target) ? target.AbsoluteUri : header;
            return new ApiException(Service, "RedirectRefused", ErrorKind.ConnectionError,
                Redactor.Redact($"{Service}: {request.Endpoint} was answered with HTTP {response.Status}, a redirect to {location}. "
                    + $"Redirects are not followed, so no credential leaves {BaseUri.GetLeftPart(UriPartial.Authority)}; nothing was done by this request. "
                    + "If the service really moved, connect to the new address directly."),
                response.Status);
        }

        /// <summary>
        /// The request's URI, refused when URI normalisation would change its path (a "." or ".." segment, or one
        /// spelled %2e): each id in the path must reach the server as the segment it was meant to be.
        /// </summary>
        private Uri RequestUri(ApiRequest request)
        {
            // A sync sends thousands of requests to one path: the last checked path's Uri (immutable) is reused.
            var last = _lastUri;
            if (last != null && string.Equals(last.PathAndQuery, request.PathAndQuery, StringComparison.Ordinal)) return last.Uri;
            var uri = CheckedUri(request);
            _lastUri = new CheckedPath(request.PathAndQuery, uri);
            return uri;
        }

        private sealed class CheckedPath
        {
            public CheckedPath(string pathAndQuery, Uri uri)
            {
                PathAndQuery = pathAndQuery;
                Uri = uri;
            }

            public string PathAndQuery { get; }
            public Uri Uri { get; }
        }

        private Uri CheckedUri(ApiRequest request)
        {
            var uri = new Uri(BaseUri, request.PathAndQuery);
            var query = request.PathAndQuery.IndexOf('?');
            var path = query < 0 ? request.PathAndQuery : request.PathAndQuery.Substring(0, query);
            var expected = path.StartsWith("/", StringComparison.Ordinal) ? path : BaseUri.AbsolutePath + path;
            if (!string.Equals(uri.AbsolutePath, expected, StringComparison.Ordinal)
                || uri.GetLeftPart(UriPartial.Authority) != BaseUri.GetLeftPart(UriPartial.Authority))
            {
                throw new ApiException(Service, "RequestPathInvalid", ErrorKind.InvalidArgument,
                    Redactor.Redact($"{Service}: {request.Endpoint} was not sent: its path '{path}' would reach the server as '{uri.AbsolutePath}'. "
                        + "A value used in the path contains '.' or '..' segments or characters that change the path."));
            }
            return uri;
        }

        private ApiException ToException(ApiFailure failure, ApiResponse response)
        {
            var transient = failure.Handling == FailureHandling.Transient || failure.Handling == FailureHandling.RateLimited
                || failure.Handling == FailureHandling.RetryLater;
            var text = $"{Service} call failed: code {failure.Code}, {failure.Message}"
                + (failure.Hint == null ? string.Empty : ". " + failure.Hint)
                + (response.LogId == null ? string.Empty : $" (log id {response.LogId})");
            return new ApiException(Service, failure.ErrorId, failure.Kind, Redactor.Redact(text), response.Status, failure.Code,
                response.LogId, failure.Hint, transient, failure.RetryAfter)
            {
                ResendSoon = failure.Handling != FailureHandling.RetryLater,
            };
        }

        /// <summary>Typed by the answer, so the retry and breaker run as they are, without Polly's bridge from object outcomes.</summary>
        private ResiliencePipeline<ApiResponse> BuildPipeline(ResilienceSettings settings)
        {
            return new ResiliencePipelineBuilder<ApiResponse>()
                .AddTimeout(new TimeoutStrategyOptions
                {
                    Timeout = settings.RequestTimeout,
                    OnTimeout = args =>
                    {
                        args.Context.Properties.Set(DeadlineKey, true);
                        return default;
                    },
                })
                .AddRetry(new RetryStrategyOptions<ApiResponse>
                {
                    MaxRetryAttempts = Math.Max(1, settings.MaxRetryAttempts),
                    Delay = settings.BaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => new ValueTask<bool>(settings.MaxRetryAttempts > 0 && ShouldRetry(args.Outcome.Exception, args.Context)),
                    DelayGenerator = args =>
                    {
                        if (args.Outcome.Exception is ApiException { RetryAfter: { } wait })
                        {
                            var capped = wait > settings.MaxServerDelay ? settings.MaxServerDelay : wait;
                            return new ValueTask<TimeSpan?>(capped);
                        }
                        return new ValueTask<TimeSpan?>((TimeSpan?)null);
                    },
                    OnRetry = args =>
                    {
                        var sent = args.Context.Properties.GetValue(RequestKey, null!);
                        sent.Failures.Add(AttemptHistory.Describe(args.Outcome.Exception, settings.AttemptTimeout));
                        if (MayHaveActed(args.Outcome.Exception)) sent.MayHaveActed = true;
                        var log = args.Context.Properties.GetValue(LogKey, NullRequestLog.Instance);
                        if (!log.IsDebugEnabled) return default;
                        var why = args.Outcome.Exception?.Message ?? "unknown failure";
                        var source = args.Outcome.Exception is ApiException { RetryAfter: { } } ? "as the server asked" : "backoff with jitter";
                        log.Debug($"{Service}: attempt {args.AttemptNumber + 1} failed ({Redactor.Redact(why)}); retrying in {args.RetryDelay.TotalMilliseconds:0} ms ({source}).");
                        return default;
                    },
                })
                .AddCircuitBreaker(_breaker.Options(settings, ctx => ctx.Properties.GetValue(LogKey, NullRequestLog.Instance)))
                .AddTimeout(settings.AttemptTimeout)
                .Build();
        }

        private static bool ShouldRetry(Exception? exception, ResilienceContext context)
        {
            if (exception == null || exception is OperationCanceledException && !(exception is TimeoutRejectedException)) return false;
            var request = context.Properties.GetValue(RequestKey, null!);
            var idempotent = request.Retry == RetryScope.Always;
            switch (exception)
            {
                case ApiException api:
                    return api.Kind == ErrorKind.RateLimited || (api.IsTransient && api.ResendSoon && idempotent);
                case HttpRequestException http:
                    return idempotent || NeverSent(http);
                case TimeoutRejectedException _:
                    return idempotent;
                default:
                    return false;
            }
        }

        /// <summary>An attempt that was sent and ended without a definite answer: the server may have acted on it.</summary>
        private static bool MayHaveActed(Exception? exception) => exception switch
        {
            HttpRequestException http => !NeverSent(http),
            TimeoutRejectedException _ => true,
            ApiException api => api.HttpStatus >= 500,
            _ => false,
        };

        /// <summary>True when the connection was refused or the host unknown: the request never reached the server.</summary>
        private static bool NeverSent(Exception exception)
        {
            if (exception is BrokenCircuitException) return true;
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is SocketException socket)
                {
                    return socket.SocketErrorCode == SocketError.ConnectionRefused || socket.SocketErrorCode == SocketError.HostNotFound
                        || socket.SocketErrorCode == SocketError.HostUnreachable || socket.SocketErrorCode == SocketError.NetworkUnreachable;
                }
            }
            return false;
        }

        private ApiException Translate(Exception exception, ApiRequest request, bool deadline)
        {
            var history = AttemptHistory.Summary(request.Failures);
            var unknown = request.Retry == RetryScope.OnlyIfNotProcessed && !NeverSent(exception);
            if (unknown)
            {
                return new ApiException(Service, "OutcomeUnknown", ErrorKind.OutcomeUnknown,
                    Redactor.Redact($"{Service}: no answer to {request.Endpoint} ({history}). The server may or may not have acted; it was not sent again. Check its state before resubmitting."),
                    inner: exception);
            }
            if (deadline)
            {
                return new ApiException(Service, "RequestTimedOut", ErrorKind.Timeout,
                    Redactor.Redact($"{Service}: {request.Endpoint} had no usable answer within its {Settings.RequestTimeout.TotalSeconds:0.#} s deadline ({history}); given up."),
                    hint: "The server is slow or not answering; raise Connect-* -TimeoutSec or try again later.", inner: exception);
            }
            if (exception is TimeoutRejectedException)
            {
                return new ApiException(Service, "RequestTimedOut", ErrorKind.Timeout,
                    Redactor.Redact($"{Service}: {request.Endpoint} timed out ({history})."), inner: exception);
            }
            if (exception is HttpRequestException)
            {
                return new ApiException(Service, "ServiceUnreachable", ErrorKind.ConnectionError,
                    Redactor.Redact($"{Service}: cannot reach {BaseUri.GetLeftPart(UriPartial.Authority)} ({Flatten(exception)})."), inner: exception);
            }
            return new ApiException(Service, "UnexpectedFailure", ErrorKind.ServerError, Redactor.Redact($"{Service}: {exception.Message}"), inner: exception);
        }

        private static string Flatten(Exception exception)
        {
            var parts = new List<string>();
            for (var e = exception; e != null; e = e.InnerException) parts.Add(e.Message);
            return string.Join(": ", parts);
        }

        public void Dispose()
        {
            _http.Dispose();
        }
    }
}
