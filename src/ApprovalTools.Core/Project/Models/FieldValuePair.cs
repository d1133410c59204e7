namespace ApprovalTools.Core.Project
{
    /// <summary>A node form field to write while operating (wire <c>FieldValuePair</c>). FieldKey or FieldAlias is required.</summary>
    public sealed class FieldValuePair
    {
        public FieldValuePair()
        {
        }

        public FieldValuePair(string fieldKey, object? fieldValue)
        {
            FieldKey = fieldKey;
            FieldValue = fieldValue;
        }

        /// <summary>Wire <c>field_key</c>.</summary>
        public string? FieldKey { get; set; }

        /// <summary>Wire <c>field_alias</c> (对接标识).</summary>
        public string? FieldAlias { get; set; }

        /// <summary>Wire <c>field_type_key</c>, e.g. text, select, multi_user, date.</summary>
        public string? FieldTypeKey { get; set; }

        /// <summary>
        /// Wire <c>field_value</c>: any JSON-shaped value (string, number, bool, list, hashtable such as
        /// <c>@{ label = '选项1'; value = '8lheuaepp' }</c>); DateTime values are sent as Unix milliseconds.
        /// </summary>
        public object? FieldValue { get; set; }

        /// <summary>Wire <c>target_state</c>: the state and transition the value moves to (official SDKs' FieldValuePair).</summary>
        public TargetState? TargetState { get; set; }

        /// <summary>Wire <c>field_name</c>, as the workflow query reports it (v2 SDK); never sent by node operations.</summary>
        public string? FieldName { get; set; }

        public override string ToString() => (FieldKey ?? FieldAlias ?? "?") + "=" + FieldValue;
    }
}
