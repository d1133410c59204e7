using System;
using System.Management.Automation;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Operations;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Approval.Tasks;
using ApprovalTools.Core.Operations;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Get-ExternalTask: the third-party tasks Feishu stores (GET /open-apis/approval/v4/external_tasks), one object per
    /// task with its instance's stored status and times, every page followed and written as it arrives. InstanceId and
    /// ApprovalCode bind by property name, so Sync-ExternalInstance results pipe in to show what the server holds.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ExternalTask", SupportsPaging = true)]
    [OutputType(typeof(ExternalTaskRecord))]
    public sealed class GetExternalTaskCommand : ApprovalCmdlet
    {
        private GetExternalTaskOperation? _operation;

        /// <summary>Instances to read (at most 20 per query).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("instance_id", "instance_ids")]
        public string[]? InstanceId { get; set; }

        /// <summary>Approval definitions to read (at most 20 per query); with -Status when no -InstanceId is given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("approval_code", "approval_codes")]
        public string[]? ApprovalCode { get; set; }

        /// <summary>Approvers' user_id values; with -ApprovalCode and -Status.</summary>
        [Parameter]
        [Alias("user_ids")]
        public string[]? UserId { get; set; }

        [Parameter]
        public ExternalTaskStatus? Status { get; set; }

        [Parameter]
        [ValidateRange(1, ExternalTaskQuery.MaxPageSize)]
        public int PageSize { get; set; } = ExternalTaskQuery.DefaultPageSize;

        [Parameter]
        public FeishuConnection? Connection { get; set; }

        protected override void BeginProcessing()
        {
            // The API reports no total; -IncludeTotalCount says so rather than guessing.
            if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            _operation = new GetExternalTaskOperation(RequireConnection(Connection), Sink,
                new PagingOptions { Skip = PagingParameters.Skip, First = PagingParameters.First });
        }

        protected override void ProcessRecord() => Run(() =>
        {
            var query = new ExternalTaskQuery
            {
                InstanceIds = InstanceId ?? Array.Empty<string>(),
                ApprovalCodes = ApprovalCode ?? Array.Empty<string>(),
                UserIds = UserId ?? Array.Empty<string>(),
                Status = Status,
                PageSize = PageSize,
            };
            _operation!.Process(query, InstanceId?.Length == 1 ? InstanceId[0] : (object?)InstanceId ?? query);
        });
    }
}
