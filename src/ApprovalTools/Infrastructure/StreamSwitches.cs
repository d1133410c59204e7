using System.Management.Automation;

namespace ApprovalTools.Infrastructure
{
    /// <summary>
    /// Whether a cmdlet's verbose and debug streams are on, read once per invocation so Core can skip building text
    /// nobody sees. -Debug alone makes the engine set a compiled cmdlet's VerbosePreference to Inquire (every
    /// WriteVerbose then prompts, and fails in a non-interactive host); <see cref="VerboseAsDebug"/> marks that case,
    /// in which verbose lines are written to the debug stream instead, so -Debug adds detail and never stops.
    /// </summary>
    internal sealed class StreamSwitches
    {
        private StreamSwitches(bool verbose, bool debug, bool verboseAsDebug)
        {
            Verbose = verbose;
            Debug = debug;
            VerboseAsDebug = verboseAsDebug;
        }

        public bool Verbose { get; }
        public bool Debug { get; }
        public bool VerboseAsDebug { get; }

        public static StreamSwitches Of(PSCmdlet cmdlet)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            var debugBound = bound.TryGetValue("Debug", out var d);
            var debug = debugBound ? IsOn(d) : Shown(cmdlet, "DebugPreference");
            if (bound.TryGetValue("Verbose", out var v)) return new StreamSwitches(IsOn(v), debug, false);
            if (debugBound) return new StreamSwitches(debug, debug, debug);
            return new StreamSwitches(Shown(cmdlet, "VerbosePreference"), debug, false);
        }

        private static bool IsOn(object? value) => value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value);

        private static bool Shown(PSCmdlet cmdlet, string variable)
        {
            var value = cmdlet.SessionState.PSVariable.GetValue(variable);
            if (value == null || !LanguagePrimitives.TryConvertTo<ActionPreference>(value, out var preference)) return false;
            return preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }
    }
}
