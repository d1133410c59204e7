using System.Text.Json.Nodes;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;
using ApprovalTools.Sandbox.Approval;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Faq
{
    /// <summary>Get-ExternalTask's operation: GET external_tasks with a JSON body, paged, over HTTP against the sandbox.</summary>
    public sealed class ExternalTaskTests : FaqTestBase
    {
        private IReadOnlyList<ApprovalTools.Sandbox.Hosting.SandboxRequest> Lists =>
            Sandbox.Server.Journal.Where(r => r.Path == ApprovalService.ExternalTasksPath).ToList();

        private RecordingSink List(ExternalTaskQuery query, PagingOptions? paging = null, object? target = null)
        {
            var sink = new RecordingSink();
            new GetExternalTaskOperation(Connection, sink, paging).Process(query, target);
            return sink;
        }

        [Fact]
        public void Reads_back_the_stored_status_and_times_of_each_task()
        {
            Seed(InstanceFor("i1", T + 10, "u0", ("i1-a", "u1", "PENDING"), ("i1-b", "u2", "APPROVED")));
            Seed(InstanceFor("i2", T + 20, "u0", ("i2-a", "u1", "DONE")));

            var sink = List(new ExternalTaskQuery { InstanceIds = { "i1", "i2" } });

            Assert.Empty(sink.Errors);
            var tasks = sink.EmittedOf<ExternalTaskRecord>().ToList();
            Assert.Equal(new[] { "i1/i1-a PENDING", "i1/i1-b APPROVED", "i2/i2-a DONE" }, tasks.Select(t => t.ToString()));
            Assert.All(tasks, t => Assert.Equal("APPROVAL-1", t.ApprovalCode));
            Assert.Equal(T + 10, tasks[0].InstanceUpdateTime!.Value.ToUnixTimeMilliseconds());
            Assert.Equal(T + 10, tasks[0].UpdateTime!.Value.ToUnixTimeMilliseconds());
            Assert.Equal("PENDING", tasks[0].InstanceStatus);
            Assert.StartsWith("sbx-", tasks[0].ApprovalId);

            var sent = Assert.Single(Lists);
            Assert.Equal("GET", sent.Method);
            Assert.Equal("50", sent.QueryValue("page_size"));
            var body = (JsonObject)sent.Json()!;
            Assert.Equal(new[] { "i1", "i2" }, ((JsonArray)body["instance_ids"]!).Select(x => (string?)x));
            Assert.False(body.ContainsKey("status"));
        }

        [Fact]
        public void Follows_every_page_and_applies_first_and_skip_to_tasks()
        {
            for (var i = 0; i < 5; i++) Seed(InstanceFor($"p{i}", T + i, "u0", ($"p{i}-a", "u1", "PENDING"), ($"p{i}-b", "u1", "PENDING")));

            var all = List(new ExternalTaskQuery { ApprovalCodes = { "APPROVAL-1" }, Status = ExternalTaskStatus.Pending, PageSize = 2 });
            var window = List(new ExternalTaskQuery { ApprovalCodes = { "APPROVAL-1" }, Status = ExternalTaskStatus.Pending, PageSize = 2 },
                new PagingOptions { Skip = 3, First = 2 });

            Assert.Equal(10, all.EmittedOf<ExternalTaskRecord>().Count());
            Assert.Equal(new[] { "p1-b", "p2-a" }, window.EmittedOf<ExternalTaskRecord>().Select(t => t.TaskId));
            Assert.Equal(3 + 2, Lists.Count);
            Assert.Equal("PENDING", (string?)Lists[0].Json()!["status"]);
            Assert.NotNull(Lists[1].QueryValue("page_token"));
            Assert.True(all.ProgressRecords.Last().Completed);
        }

        [Fact]
        public void Filters_by_approver_and_status_as_the_server_does()
        {
            Seed(InstanceFor("f1", T, "u0", ("f1-a", "u1", "PENDING"), ("f1-b", "u2", "PENDING"), ("f1-c", "u1", "APPROVED")));

            var sink = List(new ExternalTaskQuery { ApprovalCodes = { "APPROVAL-1" }, UserIds = { "u1" }, Status = ExternalTaskStatus.Pending });

            Assert.Equal(new[] { "f1-a" }, sink.EmittedOf<ExternalTaskRecord>().Select(t => t.TaskId));
        }

        [Theory]
        [InlineData(0, 0, false, 50, "instance_ids")]
        [InlineData(0, 1, false, 50, "instance_ids")]
        [InlineData(21, 0, false, 50, "instance_ids")]
        [InlineData(0, 21, true, 50, "approval_codes")]
        [InlineData(1, 0, false, 501, "page_size")]
        public void A_query_against_the_documented_rules_is_one_error_and_nothing_is_sent(int ids, int codes, bool status, int pageSize, string field)
        {
            var query = new ExternalTaskQuery
            {
                InstanceIds = Enumerable.Range(0, ids).Select(i => "i" + i).ToList(),
                ApprovalCodes = Enumerable.Range(0, codes).Select(i => "c" + i).ToList(),
                Status = status ? ExternalTaskStatus.Pending : null,
                PageSize = pageSize,
            };

            var sink = List(query, target: "the input");

            var error = Assert.Single(sink.Errors);
            Assert.Equal("ExternalTaskQueryInvalid", error.ErrorId);
            Assert.Contains(field, error.Message);
            Assert.Equal("the input", error.Target);
            Assert.Empty(Lists);
        }

        [Fact]
        public async Task The_sandbox_refuses_a_query_without_the_required_filters()
        {
            // Through the client's transport directly, past the local rules: the server-side rule is checked on its own.
            var query = new ExternalTaskQuery { ApprovalCodes = { "APPROVAL-1" } };
            var ex = await Assert.ThrowsAsync<ApiException>(() => Connection.Client.ListExternalTasksAsync(query, null, null, default));

            Assert.Equal(1390001, ex.Code);
            Assert.Equal(400, ex.HttpStatus);
        }

        [Fact]
        public void A_filter_on_a_code_no_definition_holds_is_one_error_naming_approval_codes()
        {
            Seed(InstanceFor("known-1", T + 10, "u0", ("known-1-a", "u1", "PENDING")));

            var unknown = List(new ExternalTaskQuery { ApprovalCodes = { Code, "never-created" }, Status = ExternalTaskStatus.Pending }, target: "the input");
            var known = List(new ExternalTaskQuery { ApprovalCodes = { Code }, Status = ExternalTaskStatus.Pending });

            var error = Assert.Single(unknown.Errors);
            Assert.Contains("approval_codes", error.Message);
            Assert.Contains("never-created", error.Message);
            Assert.Equal("the input", error.Target);
            Assert.Empty(unknown.Emitted);
            Assert.Equal("known-1", Assert.Single(known.EmittedOf<ExternalTaskRecord>()).InstanceId);
        }
    }
}
