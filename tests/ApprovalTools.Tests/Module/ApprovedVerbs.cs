namespace ApprovalTools.Tests.Module
{
    /// <summary>
    /// PowerShell's approved verbs (Get-Verb; the System.Management.Automation Verbs* classes: Common,
    /// Communications, Data, Diagnostic, Lifecycle, Security, Other), hard-coded because the stub assembly the tests
    /// load cannot run Get-Verb. Reserved verbs (ForEach, Ping, Sort, Tee, Where) are not in the list.
    /// </summary>
    public static class ApprovedVerbs
    {
        public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        {
            // VerbsCommon
            "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New",
            "Open", "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set",
            "Show", "Skip", "Split", "Step", "Switch", "Undo", "Unlock", "Watch",
            // VerbsCommunications
            "Connect", "Disconnect", "Read", "Receive", "Send", "Write",
            // VerbsData
            "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit",
            "Expand", "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore",
            "Save", "Sync", "Unpublish", "Update",
            // VerbsDiagnostic (Ping is reserved)
            "Debug", "Measure", "Repair", "Resolve", "Test", "Trace",
            // VerbsLifecycle
            "Approve", "Assert", "Build", "Complete", "Confirm", "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke",
            "Register", "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait",
            // VerbsSecurity
            "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect",
            // VerbsOther
            "Use",
        };

        /// <summary>Verbs that change server state here: such cmdlets must support -WhatIf/-Confirm.</summary>
        public static readonly IReadOnlySet<string> StateChanging = new HashSet<string>(StringComparer.Ordinal)
        {
            "Sync", "Submit", "Invoke", "Clear", "Set", "Remove", "New", "Add", "Update", "Approve", "Deny", "Reset",
            "Register", "Unregister", "Publish", "Unpublish", "Complete", "Restore",
        };
    }
}
