using System;
using System.Management.Automation;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Project.Operations;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Get-WorkflowNode: the nodes of node-flow work items (POST /open_api/:project_key/work_item/:type/:id/workflow/query),
    /// one object per node, whose ProjectKey, WorkItemTypeKey, WorkItemId and NodeId bind by property name into
    /// Invoke-NodeOperation. Work item ids come from the command line (several at once) or the pipeline.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WorkflowNode")]
    [OutputType(typeof(WorkflowNode))]
    public sealed class GetWorkflowNodeCommand : ApprovalCmdlet
    {
        private GetWorkflowNodeOperation? _operation;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("project_key", "simple_name")]
        public string ProjectKey { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("work_item_type_key", "TypeKey")]
        public string WorkItemTypeKey { get; set; } = string.Empty;

        /// <summary>One or more work item ids (int64 as text); each is queried once.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("work_item_id")]
        [WorkItemIdTransformation]
        public string[] WorkItemId { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateRange(1, 15)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        public FeishuProjectConnection? Connection { get; set; }

        protected override void BeginProcessing()
        {
            var connection = RequireConnection(Connection);
            _operation = new GetWorkflowNodeOperation(connection, Sink, ThrottleLimit);
        }

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var id in WorkItemId)
            {
                _operation!.Process(new WorkItemReference(ProjectKey, WorkItemTypeKey, id), id);
            }
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());
    }
}
