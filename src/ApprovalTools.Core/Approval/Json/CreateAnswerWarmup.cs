using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ApprovalTools.Core.Approval.Json
{
    /// <summary>
    /// A head start for the first sync: the create answer echoes a whole instance, and reading it the first time builds
    /// the serializer metadata of every model type and value type in it (about 750 generic methods to compile, most of
    /// the first Sync-ExternalInstance's own time). A Feishu connection starts reading <see cref="Sample"/> on a
    /// thread-pool thread, once per process, while its token request is under way, so on a machine with a second core
    /// the first sync finds the metadata built. Nothing depends on it: without it the same metadata is built on demand.
    /// </summary>
    internal static class CreateAnswerWarmup
    {
        private static int _started;

        /// <summary>A create answer with every object, list, enum, time and flag of the echo present once.</summary>
        internal const string Sample =
            "{\"code\":0,\"msg\":\"success\",\"data\":{\"data\":{\"approval_code\":\"a\",\"instance_id\":\"i\",\"status\":\"PENDING\"," +
            "\"links\":{\"pc_link\":\"https://w/\",\"mobile_link\":\"https://w/\"},\"title\":\"t\",\"form\":[{\"name\":\"n\",\"value\":\"v\"}]," +
            "\"user_id\":\"u\",\"start_time\":\"1700000000000\",\"end_time\":\"0\",\"update_time\":\"1700000000000\"," +
            "\"display_method\":\"BROWSER\",\"update_mode\":\"UPDATE\"," +
            "\"task_list\":[{\"task_id\":\"t\",\"user_id\":\"u\",\"links\":{\"pc_link\":\"https://w/\"},\"status\":\"PENDING\"," +
            "\"create_time\":\"1700000000000\",\"end_time\":\"0\",\"update_time\":\"1700000000000\"," +
            "\"action_configs\":[{\"action_type\":\"APPROVE\",\"is_need_reason\":false}],\"display_method\":\"BROWSER\"," +
            "\"exclude_statistics\":false,\"generate_type\":\"DEFAULT\"}]," +
            "\"cc_list\":[{\"cc_id\":\"c\",\"user_id\":\"u\",\"links\":{\"pc_link\":\"https://w/\"},\"read_status\":\"UNREAD\"," +
            "\"create_time\":\"1700000000000\",\"update_time\":\"1700000000000\",\"display_method\":\"BROWSER\"}]," +
            "\"i18n_resources\":[{\"locale\":\"zh-CN\",\"is_default\":true,\"texts\":[{\"key\":\"k\",\"value\":\"v\"}]}]," +
            "\"trusteeship_urls\":{\"form_detail_url\":\"https://w/\"},\"trusteeship_cache_config\":{\"form_policy\":\"DISABLE\",\"form_vary_with_locale\":false}}," +
            "\"process_record\":{\"instance\":{\"insert_num\":1,\"update_num\":0,\"delete_num\":0}}}}";

        /// <summary>True once a connection started it in this process.</summary>
        internal static bool Started => Volatile.Read(ref _started) == 1;

        public static void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            _ = Task.Run(Read);
        }

        internal static object? Read()
        {
            try
            {
                return JsonSerializer.Deserialize(Sample, ApprovalJsonContext.Default.FeishuEnvelopeCreateInstanceData);
            }
            catch (JsonException)
            {
                return null; // the sample no longer matches the models: no head start, nothing else changes
            }
        }
    }
}
