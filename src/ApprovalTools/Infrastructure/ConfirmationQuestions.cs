using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Reflection;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Infrastructure
{
    /// <summary>
    /// The two questions of one cmdlet run. ShouldProcess is PowerShell's own (-WhatIf, -Confirm, ConfirmImpact). The
    /// second, stronger question (REPLACE deletes server data) is asked only when the first did not already ask:
    /// under -Confirm (or a $ConfirmPreference at or below the cmdlet's impact) the first question, with its Yes to All
    /// / No to All, is the one the user answers. Otherwise the second question offers Yes to All / No to All itself,
    /// remembered for the rest of the run. A host that cannot ask (pwsh -NonInteractive) raises
    /// <see cref="ConfirmationUnavailableException"/>, which names -Force and -Confirm:$false; Core's
    /// <see cref="Confirmation"/> makes it the item's error instead of the engine's generic "NonInteractive mode".
    /// </summary>
    internal sealed class ConfirmationQuestions
    {
        private readonly PSCmdlet _cmdlet;
        private readonly Func<bool> _skipSecondQuestion;
        private bool _yesToAll;
        private bool _noToAll;

        public ConfirmationQuestions(PSCmdlet cmdlet, Func<bool> skipSecondQuestion)
        {
            _cmdlet = cmdlet;
            _skipSecondQuestion = skipSecondQuestion;
        }

        public bool ShouldProcess(string target, string action) => Ask(() => _cmdlet.ShouldProcess(target, action));

        public bool ShouldContinue(string target, string query)
        {
            if (_skipSecondQuestion() || FirstQuestionAsks()) return true;
            return Ask(() => _cmdlet.ShouldContinue(query, target, ref _yesToAll, ref _noToAll));
        }

        private bool Ask(Func<bool> question)
        {
            try
            {
                return question();
            }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is HostException)
            {
                throw new ConfirmationUnavailableException(
                    $"{_cmdlet.MyInvocation.MyCommand.Name} needs a confirmation and this host cannot ask one ({ex.Message}). "
                    + "To run it unattended, add -Force (or -Confirm:$false) after checking the run with -WhatIf.", ex);
            }
        }

        /// <summary>True when ShouldProcess prompts for each item of this run (-Confirm, or a low $ConfirmPreference).</summary>
        private bool FirstQuestionAsks()
        {
            if (_cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter c) return c.IsPresent;
            var preference = _cmdlet.SessionState.PSVariable.GetValue("ConfirmPreference");
            if (preference == null || !LanguagePrimitives.TryConvertTo<ConfirmImpact>(preference, out var threshold)) return false;
            var impact = _cmdlet.GetType().GetCustomAttribute<CmdletAttribute>()?.ConfirmImpact ?? ConfirmImpact.Medium;
            return threshold != ConfirmImpact.None && impact >= threshold;
        }
    }
}
