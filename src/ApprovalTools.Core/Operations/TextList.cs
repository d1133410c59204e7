using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace ApprovalTools.Core.Operations
{
    /// <summary>
    /// A read-only list of strings (task ids, names) on an output object. It enumerates like an array in PowerShell,
    /// and its text form joins the items with ';', which is what Export-Csv and string conversion write instead of
    /// "System.String[]"; Import-Csv users split it back with <c>-split ';'</c>.
    /// </summary>
    public sealed class TextList : ReadOnlyCollection<string>
    {
        public const string Separator = ";";

        public static readonly TextList Empty = new TextList(Array.Empty<string>());

        public TextList(IEnumerable<string>? items)
            : base(items == null ? new List<string>() : new List<string>(items))
        {
        }

        /// <summary>As string[] has it.</summary>
        public int Length => Count;

        public override string ToString() => string.Join(Separator, this);
    }
}
