namespace ApprovalTools.Core.Project
{
    /// <summary>One work item, as the workflow query addresses it: space, type and id.</summary>
    public sealed class WorkItemReference
    {
        public WorkItemReference()
        {
        }

        public WorkItemReference(string projectKey, string workItemTypeKey, string workItemId)
        {
            ProjectKey = projectKey;
            WorkItemTypeKey = workItemTypeKey;
            WorkItemId = workItemId;
        }

        /// <summary>Space id or simple_name (wire <c>project_key</c>).</summary>
        public string? ProjectKey { get; set; }

        /// <summary>Wire <c>work_item_type_key</c>, e.g. story.</summary>
        public string? WorkItemTypeKey { get; set; }

        /// <summary>Decimal digits of an int64 (wire <c>work_item_id</c>), kept as text.</summary>
        public string? WorkItemId { get; set; }

        /// <summary>The rules checked before sending (required parts, int64 id, usable path segments); null when valid.</summary>
        public NodeValidationProblem? Validate() => NodeOperationValidator.ValidateWorkItem(ProjectKey, WorkItemTypeKey, WorkItemId);

        public override string ToString() => $"{Short(ProjectKey)}/{Short(WorkItemTypeKey)}/{Short(WorkItemId)}";

        private static string? Short(string? value) => value == null ? null : Http.ApiPath.Shorten(value);
    }
}
