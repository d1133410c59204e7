// Compiled by the bench scripts with Add-Type, together with BenchInstance.cs: the lazy input, the raw HttpClient loop the module is compared with,
// and the meters. Not part of the module.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PerfBench
{
    using Map = Dictionary<string, object>;

    /// <summary>The bench instance (BenchInstance.cs), built lazily: nothing holds the input.</summary>
    public static class Instances
    {
        public static IEnumerable<Map> Stream(int count, string prefix)
        {
            for (var i = 1; i <= count; i++) yield return BenchInstance.Build(prefix + i.ToString("D7", CultureInfo.InvariantCulture), BenchInstance.T0 + i);
        }
    }

    /// <summary>
    /// The anchor: what a careful hand-written client does per instance with HttpClient and System.Text.Json, at a fixed
    /// number in flight. One token fetched first; each instance serialized, posted, the answer parsed and its code checked.
    /// </summary>
    public static class RawSync
    {
        private static readonly HttpClient Http = new HttpClient();

        public static string Token(string baseUri, string appId, string secret)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["app_id"] = appId, ["app_secret"] = secret });
            using (var content = new ByteArrayContent(body))
            {
                content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
                using (var response = Http.PostAsync(new Uri(new Uri(baseUri), "open-apis/auth/v3/tenant_access_token/internal"), content).GetAwaiter().GetResult())
                using (var doc = JsonDocument.Parse(response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()))
                {
                    return doc.RootElement.GetProperty("tenant_access_token").GetString();
                }
            }
        }

        /// <summary>Returns the number of instances the server accepted (code 0).</summary>
        public static int Run(string baseUri, string token, IEnumerable<Map> instances, int inFlight)
        {
            var uri = new Uri(new Uri(baseUri), "open-apis/approval/v4/external_instances");
            var auth = "Bearer " + token;
            var ok = 0;
            using (var gate = new SemaphoreSlim(inFlight))
            {
                var pending = new List<Task>();
                foreach (var instance in instances)
                {
                    gate.Wait();
                    instance["update_mode"] = "UPDATE";
                    var body = JsonSerializer.SerializeToUtf8Bytes(instance);
                    pending.Add(SendAsync(uri, auth, body, gate, () => Interlocked.Increment(ref ok)));
                    if (pending.Count >= 1024) pending.RemoveAll(t => t.IsCompleted);
                }
                Task.WaitAll(pending.ToArray());
            }
            return ok;
        }

        private static async Task SendAsync(Uri uri, string auth, byte[] body, SemaphoreSlim gate, Action accepted)
        {
            try
            {
                using (var message = new HttpRequestMessage(HttpMethod.Post, uri))
                {
                    message.Headers.TryAddWithoutValidation("Authorization", auth);
                    message.Content = new ByteArrayContent(body);
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
                    using (var response = await Http.SendAsync(message).ConfigureAwait(false))
                    using (var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false)))
                    {
                        if (doc.RootElement.GetProperty("code").GetInt32() == 0) accepted();
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Wall time, process CPU and managed bytes allocated over one measured run.</summary>
    public sealed class Meter
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly long _allocated = GC.GetTotalAllocatedBytes(true);

        public double Seconds;
        public double CpuMicrosPerItem;
        public double KBPerItem;
        public double PerSecond;

        public Meter Stop(int items)
        {
            Seconds = _watch.Elapsed.TotalSeconds;
            CpuMicrosPerItem = (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalMilliseconds * 1000 / items;
            KBPerItem = (GC.GetTotalAllocatedBytes(true) - _allocated) / 1024.0 / items;
            PerSecond = items / Seconds;
            return this;
        }
    }

    /// <summary>Peak resident set of this process, committed GC heap, large object heap and C heap, sampled every 20 ms on a timer thread.</summary>
    public sealed class PeakMemory : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;
        private long _peakCommitted;
        private long _peakLoh;
        private long _peakNative;

        public PeakMemory()
        {
            Sample();
            _timer = new Timer(_ => Sample(), null, 0, 20);
        }

        public static double Mb(long bytes) => bytes / 1048576.0;

        public long Peak { get { Sample(); return Interlocked.Read(ref _peak); } }

        /// <summary>The GC's committed memory (as of its last collection): what its budgets keep, live or not.</summary>
        public long PeakCommitted { get { Sample(); return Interlocked.Read(ref _peakCommitted); } }

        /// <summary>The large object heap as of the last collection, garbage included: only a full collection frees it.</summary>
        public long PeakLoh { get { Sample(); return Interlocked.Read(ref _peakLoh); } }

        public static long LargeObjectHeap() => GC.GetGCMemoryInfo().GenerationInfo[3].SizeAfterBytes;

        /// <summary>
        /// What the C allocator holds from the system (glibc's mallinfo2: arenas plus mmapped blocks, free space they keep
        /// included): the runtime's own native memory (JIT, type loader); -1 where there is no glibc 2.33+.
        /// </summary>
        public static long NativeHeap()
        {
            try
            {
                var info = mallinfo2();
                return (long)((ulong)info.Arena + (ulong)info.Mmapped);
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return -1;
            }
        }

        public long PeakNative { get { Sample(); return Interlocked.Read(ref _peakNative); } }

        [StructLayout(LayoutKind.Sequential)]
        private struct MallInfo2
        {
            public UIntPtr Arena, OrdBlks, SmBlks, HBlks, Mmapped, USmBlks, FSmBlks, UOrdBlks, FOrdBlks, KeepCost;
        }

        [DllImport("libc")]
        private static extern MallInfo2 mallinfo2();

        private void Sample()
        {
            Raise(ref _peak, Environment.WorkingSet);
            var info = GC.GetGCMemoryInfo();
            Raise(ref _peakCommitted, info.TotalCommittedBytes);
            Raise(ref _peakLoh, info.GenerationInfo[3].SizeAfterBytes);
            Raise(ref _peakNative, NativeHeap());
        }

        private static void Raise(ref long peak, long now)
        {
            long seen;
            while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
        }

        public void Dispose() => _timer.Dispose();
    }
}
