using System.Collections.Generic;

namespace ApprovalTools.Core.Project
{
    /// <summary>
    /// One node complete/rollback. <see cref="NodeOwners"/> keeps the wire's three-way meaning: null = leave the owners
    /// unchanged (omitted on the wire), empty = remove all owners (sent as []), otherwise the new owner list.
    /// </summary>
    public sealed class NodeOperationRequest
    {
        /// <summary>Space id or simple_name (wire <c>project_key</c>).</summary>
        public string? ProjectKey { get; set; }

        /// <summary>Wire <c>work_item_type_key</c>, e.g. story.</summary>
        public string? WorkItemTypeKey { get; set; }

        /// <summary>Decimal digits (wire <c>work_item_id</c>, int64: may exceed 2^53, so kept as text).</summary>
        public string? WorkItemId { get; set; }

        /// <summary>Node id or state_key (wire <c>node_id</c>).</summary>
        public string? NodeId { get; set; }

        public NodeAction? Action { get; set; }

        /// <summary>Required for <see cref="NodeAction.Rollback"/> (wire <c>rollback_reason</c>).</summary>
        public string? RollbackReason { get; set; }

        /// <summary>null = unchanged, empty = remove all owners.</summary>
        public IList<string>? NodeOwners { get; set; }

        /// <summary>Non-differentiated node schedule.</summary>
        public NodeSchedule? NodeSchedule { get; set; }

        /// <summary>Differentiated (per-owner) schedules.</summary>
        public IList<NodeSchedule>? Schedules { get; set; }

        public IList<FieldValuePair>? Fields { get; set; }

        public IList<RoleOwner>? RoleAssignee { get; set; }

        /// <summary>"project/type/id node N", used as the -WhatIf target and in messages.</summary>
        public override string ToString() => $"{Short(ProjectKey)}/{Short(WorkItemTypeKey)}/{Short(WorkItemId)} node {Short(NodeId)}";

        private static string? Short(string? value) => value == null ? null : Http.ApiPath.Shorten(value);
    }
}
