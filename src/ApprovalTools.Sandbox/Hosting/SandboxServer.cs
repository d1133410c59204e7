using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using System.Globalization;

namespace ApprovalTools.Sandbox.Hosting
{
    /// <summary>
    /// The HTTP front of the sandbox: an HttpListener on 127.0.0.1 only, routing each request to the first
    /// service that handles it, after that service's fault plan had its say. Every request is journalled.
    /// </summary>
    public sealed class SandboxServer : IDisposable
    {
        private const int JournalLimit = 20000;
        private readonly HttpListener _listener;
        private readonly IReadOnlyList<ISandboxService> _services;
        private readonly ConcurrentDictionary<string, FaultPlan> _faults = new ConcurrentDictionary<string, FaultPlan>();
        private readonly ConcurrentQueue<SandboxRequest> _journal = new ConcurrentQueue<SandboxRequest>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;
        private long _logIds;

        private SandboxServer(HttpListener listener, Uri baseUri, IReadOnlyList<ISandboxService> services)
        {
            _listener = listener;
            BaseUri = baseUri;
            _services = services;
            _loop = Task.Run(AcceptLoopAsync);
        }

        /// <summary>http://127.0.0.1:port/</summary>
        public Uri BaseUri { get; }

        /// <summary>Requests received, oldest first (the last 20 000).</summary>
        public IReadOnlyList<SandboxRequest> Journal => _journal.ToArray();

        public void ClearJournal()
        {
            while (_journal.TryDequeue(out _)) { }
        }

        public FaultPlan Faults(string serviceName) => _faults.GetOrAdd(serviceName, _ => new FaultPlan());

        /// <summary>Starts listening on 127.0.0.1; port 0 picks a free port.</summary>
        public static SandboxServer Start(int port, IEnumerable<ISandboxService> services)
        {
            var list = services.ToList();
            for (var attempt = 0; ; attempt++)
            {
                var chosen = port != 0 ? port : FreePort();
                var prefix = $"http://127.0.0.1:{chosen}/";
                var listener = new HttpListener();
                listener.Prefixes.Add(prefix);
                try
                {
                    listener.Start();
                    return new SandboxServer(listener, new Uri(prefix), list);
                }
                catch (HttpListenerException) when (port == 0 && attempt < 20)
                {
                    listener.Close();
                }
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    continue;
                }
                _ = Task.Run(() => ServeAsync(context));
            }
        }

        private async Task ServeAsync(HttpListenerContext context)
        {
            try
            {
                var request = await ReadAsync(context.Request).ConfigureAwait(false);
                _journal.Enqueue(request);
                while (_journal.Count > JournalLimit && _journal.TryDequeue(out _)) { }

                var service = _services.FirstOrDefault(s => s.Handles(request));
                SandboxResponse response;
                if (service == null)
                {
                    response = SandboxResponse.Json(404, new System.Text.Json.Nodes.JsonObject { ["code"] = 404, ["msg"] = "no such endpoint in the sandbox: " + request.Method + " " + request.Path });
                }
                else
                {
                    var plan = Faults(service.Name);
                    if (plan.Latency > TimeSpan.Zero) await Task.Delay(plan.Latency).ConfigureAwait(false);
                    var fault = plan.Decide(service, request);
                    if (fault.Hangs)
                    {
                        // Accepted, never answered: held until the fault's time is up, the test releases it or the server stops.
                        await plan.HoldAsync(_stop.Token).ConfigureAwait(false);
                        context.Response.Abort();
                        return;
                    }
                    response = fault.Response ?? service.Handle(request);
                    if (fault.DropsAfterActing) response = SandboxResponse.Dropped();
                }

                if (response.DropConnection)
                {
                    // HttpListener's Abort alone answers an empty 200 on Linux; promising a long body and cutting it
                    // short is what a connection lost mid-answer looks like to the client.
                    context.Response.ContentLength64 = 1 << 20;
                    context.Response.OutputStream.Write(new byte[] { (byte)'{' }, 0, 1);
                    context.Response.OutputStream.Flush();
                    context.Response.Abort();
                    return;
                }
                await WriteAsync(context.Response, response).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                try
                {
                    await WriteAsync(context.Response, SandboxResponse.Text(500, "sandbox failure: " + ex.Message)).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    context.Response.Abort();
                }
            }
        }

        private static async Task<SandboxRequest> ReadAsync(HttpListenerRequest request)
        {
            byte[] body;
            using (var buffer = new MemoryStream())
            {
                await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
                body = buffer.ToArray();
            }
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string? key in request.QueryString.AllKeys)
            {
                if (key != null) query[key] = request.QueryString[key] ?? string.Empty;
            }
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string? key in request.Headers.AllKeys)
            {
                if (key != null) headers[key] = request.Headers[key] ?? string.Empty;
            }
            var raw = request.RawUrl ?? request.Url!.AbsolutePath;
            var rawPath = raw.IndexOf('?') is var q && q >= 0 ? raw.Substring(0, q) : raw;
            return new SandboxRequest(request.HttpMethod, request.Url!.AbsolutePath, query, headers, body, rawPath);
        }

        private async Task WriteAsync(HttpListenerResponse http, SandboxResponse response)
        {
            http.StatusCode = response.Status;
            http.ContentType = "application/json; charset=utf-8";
            http.Headers["x-tt-logid"] = "sandbox" + Interlocked.Increment(ref _logIds).ToString("D12", CultureInfo.InvariantCulture);
            foreach (var header in response.Headers) http.Headers[header.Key] = header.Value;
            http.ContentLength64 = response.Body.Length;
            await http.OutputStream.WriteAsync(response.Body, 0, response.Body.Length).ConfigureAwait(false);
            http.OutputStream.Close();
        }

        public void Dispose()
        {
            // A pending GetContextAsync can keep the server reachable after Dispose; drop the journal so it holds nothing.
            ClearJournal();
            _stop.Cancel();
            try { _listener.Stop(); } catch (ObjectDisposedException) { }
            _listener.Close();
            try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        }
    }
}
