// Compiled by the bench scripts with Add-Type: the shared input, the raw HttpClient loop the module is compared with,
// and the meters. Not part of the module.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PerfBench
{
    using Map = Dictionary<string, object>;

    /// <summary>The bench instance (2 tasks, 1 cc, two locales, ~1.6 KB of JSON), built lazily: nothing holds the input.</summary>
    public static class Instances
    {
        private const long T0 = 1700000000000;

        public static IEnumerable<Map> Stream(int count, string prefix)
        {
            for (var i = 1; i <= count; i++) yield return Instance(prefix + i.ToString("D7", CultureInfo.InvariantCulture), T0 + i);
        }

        private static string Ms(long ms) => ms.ToString(CultureInfo.InvariantCulture);

        public static Map Instance(string id, long updateTime) => new Map
        {
            ["approval_code"] = "BENCH-APPROVAL",
            ["instance_id"] = id,
            ["status"] = "PENDING",
            ["links"] = new Map { ["pc_link"] = "https://erp.example.com/pc/" + id, ["mobile_link"] = "https://erp.example.com/m/" + id },
            ["title"] = "@i18n@title",
            ["form"] = new List<object> { new Map { ["name"] = "@i18n@amount", ["value"] = "@i18n@amount_value" }, new Map { ["name"] = "@i18n@reason", ["value"] = "@i18n@reason_value" } },
            ["user_id"] = "initiator-" + (updateTime % 97).ToString(CultureInfo.InvariantCulture),
            ["department_id"] = "dept-1",
            ["start_time"] = Ms(T0),
            ["end_time"] = "0",
            ["update_time"] = Ms(updateTime),
            ["task_list"] = new List<object> { Task(id + "-t1", updateTime, "approver-1"), Task(id + "-t2", updateTime, "approver-2") },
            ["cc_list"] = new List<object>
            {
                new Map { ["cc_id"] = id + "-c1", ["user_id"] = "watcher-1", ["links"] = new Map { ["pc_link"] = "https://erp.example.com/pc/cc/" + id }, ["read_status"] = "UNREAD", ["create_time"] = Ms(T0), ["update_time"] = Ms(updateTime) },
            },
            ["i18n_resources"] = new List<object>
            {
                new Map
                {
                    ["locale"] = "zh-CN", ["is_default"] = true,
                    ["texts"] = new List<object>
                    {
                        new Map { ["key"] = "@i18n@title", ["value"] = "采购申请" }, new Map { ["key"] = "@i18n@amount", ["value"] = "金额" },
                        new Map { ["key"] = "@i18n@amount_value", ["value"] = "1200" }, new Map { ["key"] = "@i18n@reason", ["value"] = "事由" },
                        new Map { ["key"] = "@i18n@reason_value", ["value"] = "服务器扩容" }, new Map { ["key"] = "@i18n@node", ["value"] = "部门审批" },
                    },
                },
                new Map { ["locale"] = "en-US", ["is_default"] = false, ["texts"] = new List<object> { new Map { ["key"] = "@i18n@title", ["value"] = "Purchase request" } } },
            },
        };

        private static Map Task(string id, long updateTime, string user) => new Map
        {
            ["task_id"] = id, ["user_id"] = user, ["links"] = new Map { ["pc_link"] = "https://erp.example.com/pc/task/" + id },
            ["status"] = "PENDING", ["create_time"] = Ms(T0), ["end_time"] = "0", ["update_time"] = Ms(updateTime),
            ["node_id"] = "node-1", ["node_name"] = "@i18n@node",
        };
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

    /// <summary>Peak resident set of this process, sampled every 20 ms on a timer thread.</summary>
    public sealed class PeakMemory : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakMemory()
        {
            _peak = Environment.WorkingSet;
            _timer = new Timer(_ => Sample(), null, 0, 20);
        }

        public static double Mb(long bytes) => bytes / 1048576.0;

        public long Peak { get { Sample(); return Interlocked.Read(ref _peak); } }

        private void Sample()
        {
            var now = Environment.WorkingSet;
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
        }

        public void Dispose() => _timer.Dispose();
    }
}
