namespace ApprovalTools.Core.Approval.Input
{
    /// <summary>One broken rule: the wire path of the field ("task_list[2].task_id") and the rule it breaks.</summary>
    public sealed class FieldViolation
    {
        public FieldViolation(string field, string rule)
        {
            Field = field;
            Rule = rule;
        }

        public string Field { get; }
        public string Rule { get; }

        public override string ToString() => Field + ": " + Rule;
    }
}
