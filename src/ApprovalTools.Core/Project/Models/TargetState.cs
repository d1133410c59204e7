namespace ApprovalTools.Core.Project
{
    /// <summary>
    /// Wire <c>target_state</c> of a FieldValuePair (official Go SDK <c>field.TargetState</c>): the state a field value
    /// moves to, with the transition that gets there.
    /// </summary>
    public sealed class TargetState
    {
        /// <summary>Wire <c>state_key</c>; required when a target state is given.</summary>
        public string? StateKey { get; set; }

        /// <summary>Wire <c>transition_id</c> (int64).</summary>
        public long? TransitionId { get; set; }

        public override string ToString() => StateKey + (TransitionId == null ? string.Empty : "#" + TransitionId);
    }
}
