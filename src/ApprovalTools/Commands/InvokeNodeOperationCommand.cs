using System.Management.Automation;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Project.Operations;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>Completes (Confirm) or rolls back (Rollback) work item nodes, updating owners, schedules, fields and roles.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NodeOperation", SupportsShouldProcess = true)]
    [OutputType(typeof(NodeOperationResult))]
    public sealed class InvokeNodeOperationCommand : ApprovalCmdlet
    {
        private NodeOperation? _operation;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("project_key", "simple_name")]
        public string ProjectKey { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("work_item_type_key", "TypeKey")]
        public string WorkItemTypeKey { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("work_item_id")]
        public string WorkItemId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("node_id", "StateKey", "state_key")]
        public string NodeId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public NodeAction Action { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("rollback_reason")]
        public string? RollbackReason { get; set; }

        /// <summary>New node owners (user keys). Omit to leave them unchanged; @() removes all owners.</summary>
        [Parameter]
        [AllowEmptyCollection]
        [Alias("node_owners")]
        public string[]? NodeOwner { get; set; }

        [Parameter]
        [Alias("node_schedule")]
        [ProjectInputTransformation(typeof(NodeSchedule))]
        public NodeSchedule? NodeSchedule { get; set; }

        [Parameter]
        [Alias("schedules")]
        [ProjectInputTransformation(typeof(NodeSchedule[]))]
        public NodeSchedule[]? Schedule { get; set; }

        [Parameter]
        [Alias("fields")]
        [ProjectInputTransformation(typeof(FieldValuePair[]))]
        public FieldValuePair[]? Field { get; set; }

        [Parameter]
        [Alias("role_assignee")]
        [ProjectInputTransformation(typeof(RoleOwner[]))]
        public RoleOwner[]? RoleAssignee { get; set; }

        /// <summary>The piped row itself, so an error record names it; the values come from its properties.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        [Parameter]
        [ValidateRange(1, 15)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        public FeishuProjectConnection? Connection { get; set; }

        protected override void BeginProcessing()
        {
            var connection = RequireConnection(Connection);
            _operation = new NodeOperation(connection, Sink, ThrottleLimit);
            StopReport = _operation;
        }

        protected override void ProcessRecord()
        {
            var request = new NodeOperationRequest
            {
                ProjectKey = ProjectKey,
                WorkItemTypeKey = WorkItemTypeKey,
                WorkItemId = WorkItemId,
                NodeId = NodeId,
                Action = Action,
                RollbackReason = RollbackReason,
                // Omitted (or $null) = no change, not sent; @() = remove all owners, sent as [].
                NodeOwners = MyInvocation.BoundParameters.ContainsKey(nameof(NodeOwner)) && NodeOwner != null ? NodeOwner : null,
                NodeSchedule = NodeSchedule,
                Schedules = Schedule,
                Fields = Field,
                RoleAssignee = RoleAssignee,
            };
            Run(() => _operation!.Process(request, InputObject));
        }

        protected override void EndProcessing() => Run(() => _operation!.Complete());
    }
}
