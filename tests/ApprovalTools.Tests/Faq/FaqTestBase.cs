using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Sandbox.Approval;
using ApprovalTools.Tests.Approval;
using ApprovalTools.Tests.Support;

namespace ApprovalTools.Tests.Faq
{
    using Map = Dictionary<string, object?>;

    /// <summary>The approval test base plus drivers for the task query and the clear operation.</summary>
    public abstract class FaqTestBase : ApprovalTestBase
    {
        protected int TaskQueryCalls => Calls(ApprovalService.TaskQueryPath);

        protected IReadOnlyList<ApprovalTools.Sandbox.Hosting.SandboxRequest> TaskQueries =>
            Sandbox.Server.Journal.Where(r => r.Path == ApprovalService.TaskQueryPath).ToList();

        protected RecordingSink Query(string user, TaskTopic topic = TaskTopic.Todo, UserIdType type = UserIdType.UserId,
            int pageSize = 100, GetApprovalTaskOptions? options = null, RecordingSink? sink = null)
        {
            sink ??= new RecordingSink();
            var op = new GetApprovalTaskOperation(Connection, sink, options);
            op.Process(new TaskQuery { UserId = user, UserIdType = type, Topic = topic, PageSize = pageSize });
            return sink;
        }

        protected List<ApprovalTask> Tasks(string user, TaskTopic topic = TaskTopic.Todo, UserIdType type = UserIdType.UserId)
        {
            var sink = Query(user, topic, type);
            Xunit.Assert.Empty(sink.Errors.Select(e => e.ToString()));
            return sink.EmittedOf<ApprovalTask>().ToList();
        }

        /// <summary>Feeds items to Clear-ExternalInstance's operation as the cmdlet does (ApprovalCode + InstanceId by property name).</summary>
        protected RecordingSink Clear(IEnumerable<ApprovalTask> tasks, RecordingSink? sink = null)
        {
            sink ??= new RecordingSink();
            var op = new ClearExternalInstanceOperation(Connection, sink, new ClearExternalInstanceOptions
            {
                Clock = () => DateTimeOffset.FromUnixTimeMilliseconds(T + 1_000_000),
            });
            foreach (var task in tasks) op.Process(task.ApprovalCode, task.InstanceId, task);
            op.Complete();
            return sink;
        }

        /// <summary>An instance whose tasks belong to the given users (status per task).</summary>
        protected static Map InstanceFor(string id, long time, string initiator, params (string TaskId, string User, string Status)[] tasks)
        {
            var instance = Instance(id, time, tasks.Select(t => (object?)Task(t.TaskId, time, t.Status, t.User)).ToArray());
            instance["user_id"] = initiator;
            return instance;
        }
    }
}
