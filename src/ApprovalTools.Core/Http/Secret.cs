namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// A secret value (app secret, plugin secret, bearer token). It never prints itself: ToString, the
    /// debugger and serializers see "***"; only <see cref="Reveal"/> gives the value, at the point of use.
    /// </summary>
    [System.Diagnostics.DebuggerDisplay("***")]
    public sealed class Secret
    {
        private readonly string _value;

        public Secret(string value) => _value = value ?? string.Empty;

        public bool IsEmpty => _value.Length == 0;

        public string Reveal() => _value;

        public override string ToString() => "***";
    }
}
