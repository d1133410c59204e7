namespace ApprovalTools.Core.Project
{
    /// <summary>
    /// What to do with a node: complete it (operate "confirm"), roll the flow back to it (operate "rollback"), or only
    /// change its owners, schedules, fields and roles without moving the flow (PUT .../node/:node_id, "更新节点/排期").
    /// </summary>
    public enum NodeAction
    {
        Confirm,
        Rollback,
        Update,
    }

    public static class NodeActions
    {
        /// <summary>The operate call's action; null for Update, which is its own call without an action.</summary>
        public static string? ToWire(this NodeAction action) => action switch
        {
            NodeAction.Rollback => "rollback",
            NodeAction.Update => null,
            _ => "confirm",
        };
    }
}
