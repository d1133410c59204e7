namespace ApprovalTools.Core.Http
{
    /// <summary>The three remote systems the module talks to.</summary>
    public enum ServiceKind
    {
        FeishuApproval,
        BatchApproval,
        FeishuProject,
    }
}
