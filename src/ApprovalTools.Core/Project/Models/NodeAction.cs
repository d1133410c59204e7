namespace ApprovalTools.Core.Project
{
    /// <summary>What to do with a node: complete it (wire "confirm") or roll the flow back to it (wire "rollback").</summary>
    public enum NodeAction
    {
        Confirm,
        Rollback,
    }

    public static class NodeActions
    {
        public static string ToWire(this NodeAction action) => action == NodeAction.Rollback ? "rollback" : "confirm";
    }
}
