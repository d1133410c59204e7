using System;
using System.Management.Automation;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Get-ApprovalTask: a user's tasks (GET /open-apis/approval/v4/tasks/query) by topic, every page followed and
    /// written as it arrives. -First/-Skip/-IncludeTotalCount apply per user. InstanceId and ApprovalCode of the
    /// output bind by property name into Clear-ExternalInstance.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApprovalTask", SupportsPaging = true)]
    [OutputType(typeof(ApprovalTask))]
    public sealed class GetApprovalTaskCommand : ApprovalCmdlet
    {
        private GetApprovalTaskOperation? _operation;

        /// <summary>The user whose tasks are listed, in the id type of -UserIdType.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        [ValidateNotNullOrEmpty]
        public string[] UserId { get; set; } = Array.Empty<string>();

        /// <summary>How -UserId is read: open_id (the API's default, ou_...), union_id or user_id.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id_type")]
        [ValidateSet("open_id", "union_id", "user_id")]
        public string UserIdType { get; set; } = "open_id";

        /// <summary>Todo (待办), Done (已办), Initiated (已发起), UnreadCc (未读知会), ReadCc (已读知会).</summary>
        [Parameter(Position = 1)]
        public TaskTopic Topic { get; set; } = TaskTopic.Todo;

        /// <summary>Tasks per request (1..200, default 100); pages are followed automatically.</summary>
        [Parameter]
        [ValidateRange(1, TaskQuery.MaxPageSize)]
        public int PageSize { get; set; } = TaskQuery.DefaultPageSize;

        [Parameter]
        public FeishuConnection? Connection { get; set; }

        protected override void BeginProcessing()
        {
            var options = new GetApprovalTaskOptions { Skip = PagingParameters.Skip, First = PagingParameters.First };
            if (PagingParameters.IncludeTotalCount)
                options.TotalCount = (total, capped) => WriteObject(PagingParameters.NewTotalCount((ulong)total, capped ? 0.5 : 1.0));
            _operation = new GetApprovalTaskOperation(RequireConnection(Connection), Sink, options);
        }

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var user in UserId)
            {
                var query = new TaskQuery { UserId = user, UserIdType = TaskQuery.ParseUserIdType(UserIdType), Topic = Topic, PageSize = PageSize };
                _operation!.Process(query, user);
            }
        });
    }
}
