using System;
using System.Management.Automation;

namespace ApprovalTools.Commands
{
    /// <summary>Base of Submit-BatchApproval and Test-BatchApproval: the user and the task ids both send.</summary>
    public abstract class BatchTaskCmdlet : BatchApprovalCmdlet
    {
        [Parameter(Mandatory = true)]
        [Alias("user_id")]
        [ValidateNotNullOrEmpty]
        public string UserId { get; set; } = string.Empty;

        /// <summary>
        /// Task ids, or objects carrying one (TaskId, task_id or Id: hashtables, Import-Csv rows, Test-BatchApproval
        /// output). Typed object[] so that PowerShell never turns an object into a string (a type name, "@{Name=x}")
        /// before the intake reads its id.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("task_id", "Id")]
        [AllowEmptyString, AllowEmptyCollection, AllowNull]
        public object?[]? TaskId { get; set; }

        /// <summary>Hands each bound task id (or the one null) of this pipeline record to <paramref name="add"/>, under <see cref="Infrastructure.ApprovalCmdlet.Run"/>.</summary>
        protected void AddTaskIds(Action<object?> add) => Run(() =>
        {
            if (TaskId == null) add(null);
            else foreach (var id in TaskId) add(id);
        });
    }
}
