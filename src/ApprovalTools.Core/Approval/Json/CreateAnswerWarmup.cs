using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Json
{
    /// <summary>
    /// A head start for the first sync: what it reads of the create answer (<see cref="CreateAnswerHead"/>: the
    /// serializer context, its options and the status converter) is built the first time it runs. A Feishu connection
    /// starts reading <see cref="Sample"/> on a thread-pool thread, once per process, while its token request is under
    /// way, so on a machine with a second core the first sync finds it built. The echo itself is read only when a result's
    /// Echo is first used, so its much larger metadata is not built ahead. Nothing depends on this: without it the same
    /// is built on demand.
    /// </summary>
    internal static class CreateAnswerWarmup
    {
        private static int _started;

        /// <summary>A create answer as far as the first sync reads it.</summary>
        internal const string Sample =
            "{\"code\":0,\"msg\":\"success\",\"data\":{\"data\":{\"approval_code\":\"a\",\"instance_id\":\"i\",\"status\":\"PENDING\"}," +
            "\"process_record\":{\"instance\":{\"insert_num\":1,\"update_num\":0,\"delete_num\":0}}}}";

        /// <summary>True once a connection started it in this process.</summary>
        internal static bool Started => Volatile.Read(ref _started) == 1;

        public static void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            _ = Task.Run(Read);
        }

        /// <summary>The sample's status as the first sync reads it (null if the sample no longer reads: then no head start).</summary>
        internal static InstanceStatus? Read()
        {
            CreateAnswerHead.Read(System.Text.Encoding.UTF8.GetBytes(Sample), out var status, out _);
            return status;
        }
    }
}
