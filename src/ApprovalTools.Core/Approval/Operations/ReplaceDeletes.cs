using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Operations
{
    /// <summary>
    /// What a REPLACE deletes, in words for the confirmation question: every task and cc entry the server holds for
    /// the instance except the ones sent. The server's lists are not read first, so the question names what is kept.
    /// </summary>
    internal static class ReplaceDeletes
    {
        private const int Named = 5;

        public static string Describe(ExternalInstance instance) =>
            "deletes " + Except("task", "tasks", instance.TaskList?.Select(t => t.TaskId))
            + " and " + Except("cc entry", "cc entries", instance.CcList?.Select(c => c.CcId)) + " it has on the server";

        private static string Except(string one, string many, IEnumerable<string?>? ids)
        {
            var kept = (ids ?? Enumerable.Empty<string?>()).Where(id => !string.IsNullOrEmpty(id)).ToList();
            if (kept.Count == 0) return "ALL " + many;
            var shown = string.Join(", ", kept.Take(Named)) + (kept.Count > Named ? $" and {kept.Count - Named} more" : string.Empty);
            return $"every {one} except {shown}";
        }
    }
}
