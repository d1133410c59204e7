using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Core.Http;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Faq
{
    using Map = Dictionary<string, object?>;

    /// <summary>Get-ApprovalTask's operation over HTTP against the sandbox's GET tasks/query (FAQ troubleshooting step 1).</summary>
    public sealed class TaskQueryTests : FaqTestBase
    {
        [Fact]
        public void Topics_come_from_the_synced_tasks_instances_and_cc()
        {
            var i1 = InstanceFor("i1", T, "alice", ("i1-t1", "bob", "PENDING"), ("i1-t2", "carol", "APPROVED"));
            i1["cc_list"] = new List<object?> { Cc("i1-c1", T, "UNREAD", "bob"), Cc("i1-c2", T, "READ", "bob") };
            Seed(i1, InstanceFor("i2", T, "bob", ("i2-t1", "bob", "APPROVED"), ("i2-t2", "alice", "PENDING")));

            var todo = Assert.Single(Tasks("bob", TaskTopic.Todo));
            Assert.Equal(("i1", "i1-t1", "APPROVAL-1"), (todo.InstanceId, todo.ExternalTaskId, todo.ApprovalCode));
            Assert.Equal(TaskTopic.Todo, todo.Topic);
            Assert.Equal(ApprovalTaskStatus.Todo, todo.Status);
            Assert.Equal(ProcessStatus.Running, todo.ProcessStatus);
            Assert.Equal("APPROVAL-1", todo.DefinitionCode);
            Assert.Equal("采购申请", todo.Title);
            Assert.Equal("https://erp.example.com/pc/task/i1-t1", todo.Urls.Pc);
            Assert.Equal(new[] { "alice" }, todo.Initiators);
            Assert.Equal("bob", todo.UserId);
            Assert.True(todo.IsExternal);

            var done = Assert.Single(Tasks("bob", TaskTopic.Done));
            Assert.Equal(("i2", "i2-t1", ApprovalTaskStatus.Done), (done.InstanceId, done.ExternalTaskId, done.Status));

            var initiated = Assert.Single(Tasks("bob", TaskTopic.Initiated));
            Assert.Equal("i2", initiated.InstanceId);
            Assert.Null(initiated.ExternalTaskId);

            Assert.Equal("i1-c1", Assert.Single(Tasks("bob", TaskTopic.UnreadCc)).ExternalTaskId);
            Assert.Equal("i1-c2", Assert.Single(Tasks("bob", TaskTopic.ReadCc)).ExternalTaskId);
            Assert.Equal(new[] { "i2" }, Tasks("alice", TaskTopic.Todo).Select(t => t.InstanceId));
            Assert.Equal(new[] { "i1" }, Tasks("alice", TaskTopic.Initiated).Select(t => t.InstanceId));
            Assert.Empty(Tasks("nobody", TaskTopic.Todo));

            var sent = TaskQueries.Last();
            Assert.Equal("GET", sent.Method);
            Assert.Equal("user_id", sent.QueryValue("user_id_type"));
            Assert.Equal("2", TaskQueries.Single(r => r.QueryValue("topic") == "2" && r.QueryValue("user_id") == "bob").QueryValue("topic"));
            Assert.Equal("100", sent.QueryValue("page_size"));
            Assert.Null(sent.QueryValue("page_token"));
        }

        [Fact]
        public void An_instance_that_belongs_to_nobody_lists_none_of_its_tasks_even_when_they_were_sent()
        {
            var purge = InstanceFor("i1", T, "alice", ("t1", "bob", "PENDING"));
            purge.Remove("user_id");
            purge["status"] = "APPROVED";
            Only(Sync(Core.Approval.Models.UpdateMode.Replace, purge));

            Assert.Single(Server.Instance("i1")!.Tasks);
            Assert.Empty(Tasks("bob"));
            Assert.Empty(Tasks("alice", TaskTopic.Initiated));
        }

        [Fact]
        public void A_task_changes_topic_when_a_sync_changes_its_status()
        {
            Seed(InstanceFor("i1", T, "alice", ("t1", "bob", "PENDING")));
            Assert.Single(Tasks("bob", TaskTopic.Todo));

            Only(Sync(Core.Approval.Models.UpdateMode.Update, InstanceFor("i1", T + 1, "alice", ("t1", "bob", "APPROVED"))
                .Also(m => ((Map)((List<object?>)m["task_list"]!)[0]!)["update_time"] = Ms(T + 1))));

            Assert.Empty(Tasks("bob", TaskTopic.Todo));
            Assert.Equal("t1", Assert.Single(Tasks("bob", TaskTopic.Done)).ExternalTaskId);
        }

        [Fact]
        public void User_id_type_decides_which_id_is_matched_and_open_id_is_the_default()
        {
            var instance = Instance("i1", T, new object?[] { Task("t1", T, user: "u-bob") });
            ((Map)((List<object?>)instance["task_list"]!)[0]!)["open_id"] = "ou_bob";
            Seed(instance);

            Assert.Single(Tasks("ou_bob", TaskTopic.Todo, UserIdType.OpenId));
            Assert.Single(Tasks("u-bob", TaskTopic.Todo, UserIdType.UserId));
            Assert.Empty(Tasks("u-bob", TaskTopic.Todo, UserIdType.OpenId));
            Assert.Empty(Tasks("ou_bob", TaskTopic.Todo, UserIdType.UnionId));
            Assert.Equal("open_id", TaskQueries.First().QueryValue("user_id_type"));
        }

        [Fact]
        public void A_DONE_task_is_not_listed_for_its_approver_in_any_topic()
        {
            // Official model: DONE = "the task passed without the approver acting; the approver cannot see this task".
            Seed(InstanceFor("i1", T, "alice", ("t-done", "bob", "DONE"), ("t-approved", "bob", "APPROVED"), ("t-todo", "bob", "PENDING")));

            Assert.Equal(new[] { "t-approved" }, Tasks("bob", TaskTopic.Done).Select(t => t.ExternalTaskId));
            Assert.Equal(new[] { "t-todo" }, Tasks("bob", TaskTopic.Todo).Select(t => t.ExternalTaskId));
        }

        [Fact]
        public void A_task_synced_with_a_user_id_is_listed_for_the_same_users_open_id_and_union_id()
        {
            Server.Users.Add("u-bob", "ou_bob", "on_bob");
            var byOpenId = Task("t2", T);
            byOpenId.Remove("user_id");
            byOpenId["open_id"] = "ou_bob";
            Seed(Instance("i1", T, new object?[] { Task("t1", T, user: "u-bob"), byOpenId }));

            Assert.Equal(new[] { "t1", "t2" }, Tasks("ou_bob", TaskTopic.Todo, UserIdType.OpenId).Select(t => t.ExternalTaskId));
            Assert.Equal(new[] { "t1", "t2" }, Tasks("on_bob", TaskTopic.Todo, UserIdType.UnionId).Select(t => t.ExternalTaskId));
            Assert.Equal(new[] { "t1", "t2" }, Tasks("u-bob", TaskTopic.Todo, UserIdType.UserId).Select(t => t.ExternalTaskId));
            Assert.Empty(Tasks("u-bob", TaskTopic.Todo, UserIdType.OpenId));
        }

        [Fact]
        public void Statuses_sent_as_words_are_read_like_the_codes()
        {
            Server.TaskStatusInWords = true;
            Seed(InstanceFor("i1", T, "alice", ("t1", "bob", "PENDING"), ("t2", "bob", "APPROVED")));

            var todo = Assert.Single(Tasks("bob", TaskTopic.Todo));
            var done = Assert.Single(Tasks("bob", TaskTopic.Done));

            Assert.Equal((ApprovalTaskStatus.Todo, ProcessStatus.Running), (todo.Status, todo.ProcessStatus));
            Assert.Equal(ApprovalTaskStatus.Done, done.Status);
        }

        [Fact]
        public void Pages_are_followed_with_the_page_token_and_every_task_arrives_once()
        {
            SeedPending("bob", instances: 3, tasksEach: 90);          // 270 tasks

            var totals = new List<(int Total, bool Capped)>();
            var sink = Query("bob", pageSize: 100, options: new GetApprovalTaskOptions { TotalCount = (t, c) => totals.Add((t, c)) });

            Assert.Empty(sink.Errors);
            var tasks = sink.EmittedOf<ApprovalTask>().ToList();
            Assert.Equal(270, tasks.Count);
            Assert.Equal(270, tasks.Select(t => t.ExternalTaskId).Distinct().Count());
            Assert.Equal(3, TaskQueryCalls);
            var queries = TaskQueries;
            Assert.Null(queries[0].QueryValue("page_token"));
            Assert.NotNull(queries[1].QueryValue("page_token"));
            Assert.NotEqual(queries[1].QueryValue("page_token"), queries[2].QueryValue("page_token"));
            Assert.Equal(new[] { (270, false) }, totals);
            Assert.False(sink.CalledOffThread);
            Assert.True(sink.ProgressRecords.Last().Completed);
        }

        [Fact]
        public void Tasks_are_written_as_each_page_arrives_not_after_the_last()
        {
            SeedPending("bob", instances: 1, tasksEach: 250);
            var sink = new StreamingProbe(() => TaskQueryCalls);

            new GetApprovalTaskOperation(Connection, sink).Process(new TaskQuery { UserId = "bob", UserIdType = UserIdType.UserId, PageSize = 50 });

            Assert.Equal(250, sink.Emitted);
            Assert.Equal(5, TaskQueryCalls);
            // Page n's tasks were written after request n and before request n+1.
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, sink.CallsWhenEmitted.Distinct());
            Assert.Equal(50, sink.CallsWhenEmitted.Count(c => c == 1));
        }

        [Fact]
        public void First_stops_fetching_pages_and_Skip_passes_over_tasks()
        {
            SeedPending("bob", instances: 1, tasksEach: 250);
            var all = Tasks("bob").Select(t => t.ExternalTaskId).ToList();
            Sandbox.Server.ClearJournal();

            var first = Query("bob", pageSize: 100, options: new GetApprovalTaskOptions { First = 120 });
            Assert.Equal(all.Take(120), first.EmittedOf<ApprovalTask>().Select(t => t.ExternalTaskId));
            Assert.Equal(2, TaskQueryCalls);

            Sandbox.Server.ClearJournal();
            var skipped = Query("bob", pageSize: 100, options: new GetApprovalTaskOptions { Skip = 210, First = 30 });
            Assert.Equal(all.Skip(210).Take(30), skipped.EmittedOf<ApprovalTask>().Select(t => t.ExternalTaskId));
            Assert.Equal(3, TaskQueryCalls);
        }

        [Fact]
        public void The_total_is_capped_at_999_and_only_on_the_first_page()
        {
            SeedPending("bob", instances: 4, tasksEach: 260);          // 1040 tasks

            var totals = new List<(int Total, bool Capped)>();
            var sink = Query("bob", pageSize: 200, options: new GetApprovalTaskOptions { TotalCount = (t, c) => totals.Add((t, c)) });

            Assert.Equal(1040, sink.EmittedOf<ApprovalTask>().Count());
            Assert.Equal(new[] { (999, true) }, totals);
            Assert.Equal(6, TaskQueryCalls);
        }

        [Fact]
        public async Task Count_is_only_on_the_first_page_and_page_token_only_while_there_is_more()
        {
            SeedPending("bob", instances: 1, tasksEach: 3);
            var query = new TaskQuery { UserId = "bob", UserIdType = UserIdType.UserId, PageSize = 2 };

            var first = await Connection.Client.QueryTasksAsync(query, null, null, CancellationToken.None);
            var second = await Connection.Client.QueryTasksAsync(query, first.PageToken, null, CancellationToken.None);

            Assert.Equal((3, false, 2, true), (first.Total, first.TotalIsCapped, first.Tasks.Count, first.HasMore));
            Assert.Equal((null, 1, false, null), ((int?)second.Total, second.Tasks.Count, second.HasMore, second.PageToken));
        }

        [Fact]
        public void Invalid_queries_are_refused_locally_and_nothing_is_sent()
        {
            var sink = new RecordingSink();
            var op = new GetApprovalTaskOperation(Connection, sink);
            op.Process(new TaskQuery { UserId = "bob", PageSize = 201 }, "input-1");
            op.Process(new TaskQuery { UserId = " " }, "input-2");
            op.Process(new TaskQuery { UserId = "bob", Topic = (TaskTopic)4 }, "input-3");

            Assert.Equal(new[] { "input-1", "input-2", "input-3" }, sink.Errors.Select(e => e.Target));
            Assert.All(sink.Errors, e => Assert.Equal("TaskQueryInvalid", e.ErrorId));
            Assert.Contains("page_size", sink.Errors[0].Message);
            Assert.Contains("user_id", sink.Errors[1].Message);
            Assert.Contains("topic", sink.Errors[2].Message);
            Assert.Equal(0, TaskQueryCalls);
        }

        [Theory]
        [InlineData("topic=4&user_id=bob", "topic")]
        [InlineData("topic=1", "user_id")]
        [InlineData("topic=1&user_id=bob&page_size=201", "page_size")]
        [InlineData("topic=1&user_id=bob&user_id_type=email", "user_id_type")]
        [InlineData("topic=1&user_id=bob&page_token=bm9wZQ%3D%3D", "page_token")]
        public async Task The_sandbox_answers_bad_parameters_with_1390001(string query, string field)
        {
            var ex = await Assert.ThrowsAsync<ApiException>(() => Connection.Client.Transport.SendAsync(
                new ApiRequest(HttpMethod.Get, "open-apis/approval/v4/tasks/query?" + query, "GET tasks/query"), null, CancellationToken.None));

            Assert.Equal(1390001, ex.Code);
            Assert.Equal(400, ex.HttpStatus);
            Assert.Contains(field, ex.Message);
        }

        [Fact]
        public async Task A_page_token_of_another_query_is_refused()
        {
            SeedPending("bob", instances: 1, tasksEach: 3);
            SeedPending("carol", instances: 1, tasksEach: 3, prefix: "c");
            var page = await Connection.Client.QueryTasksAsync(new TaskQuery { UserId = "bob", UserIdType = UserIdType.UserId, PageSize = 1 }, null, null, CancellationToken.None);
            Assert.True(page.HasMore);

            var ex = await Assert.ThrowsAsync<ApiException>(() => Connection.Client.QueryTasksAsync(
                new TaskQuery { UserId = "carol", UserIdType = UserIdType.UserId, PageSize = 1 }, page.PageToken, null, CancellationToken.None));
            Assert.Equal(1390001, ex.Code);
        }

        [Fact]
        public void Rate_limits_and_transient_errors_are_retried_and_a_failed_query_is_one_error_naming_the_input()
        {
            SeedPending("bob", instances: 1, tasksEach: 5);
            Sandbox.Server.Faults("approval").RateLimitNext(1);
            Assert.Equal(5, Tasks("bob").Count);

            Sandbox.Server.Faults("approval").FailNext(10);
            var sink = new RecordingSink();
            new GetApprovalTaskOperation(Connection, sink).Process(new TaskQuery { UserId = "bob", UserIdType = UserIdType.UserId }, "the-input");
            var error = Assert.Single(sink.Errors);
            Assert.Equal("the-input", error.Target);
            Assert.Equal("ServiceTryLater", error.ErrorId);
            Sandbox.Server.Faults("approval").Clear();
        }

        [Fact]
        public async Task The_sandbox_refuses_a_missing_token()
        {
            using var http = new HttpClient();
            var response = await http.GetAsync(new Uri(Sandbox.BaseUri, "open-apis/approval/v4/tasks/query?user_id=bob&topic=1"));
            Assert.Equal(400, (int)response.StatusCode);
            Assert.Contains("99991661", await response.Content.ReadAsStringAsync());
        }

        private void SeedPending(string user, int instances, int tasksEach, string prefix = "p")
        {
            for (var i = 0; i < instances; i++)
            {
                var id = $"{prefix}{i:D2}";
                Seed(InstanceFor(id, T, "initiator", Enumerable.Range(0, tasksEach).Select(n => ($"{id}-t{n:D3}", user, "PENDING")).ToArray()));
            }
            Sandbox.Server.ClearJournal();
        }

        /// <summary>Notes how many task-query requests the server had seen when each task was written.</summary>
        private sealed class StreamingProbe : Core.Operations.IOperationSink
        {
            private readonly Func<int> _calls;

            public StreamingProbe(Func<int> calls) => _calls = calls;

            public List<int> CallsWhenEmitted { get; } = new();
            public int Emitted => CallsWhenEmitted.Count;
            public CancellationToken Cancellation => CancellationToken.None;
            public void Emit(object item) => CallsWhenEmitted.Add(_calls());
            public void Fail(Core.Operations.OperationError error) => throw new Xunit.Sdk.XunitException(error.ToString());
            public void Progress(Core.Operations.ProgressInfo progress) { }
            public bool ShouldProcess(string target, string action) => true;
            public bool ShouldContinue(string target, string query) => true;
            public bool IsVerboseEnabled => false;
            public bool IsDebugEnabled => false;
            public void Verbose(string message) { }
            public void Debug(string message) { }
            public void Warning(string message) { }
        }
    }

    internal static class MapExtensions
    {
        public static T Also<T>(this T value, Action<T> change)
        {
            change(value);
            return value;
        }
    }
}
