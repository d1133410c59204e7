using System;
using System.Collections.Generic;

namespace ApprovalTools.Core.Approval.Input
{
    /// <summary>
    /// Compares field names and enum spellings the way input is matched: case-insensitively and ignoring '_', '-' and
    /// ' ' (so InstanceId, instance_id and INSTANCE-ID are one name), without building a canonical copy of either string:
    /// it runs for every key of every input item.
    /// </summary>
    internal sealed class CanonicalNameComparer : IEqualityComparer<string>
    {
        public static readonly CanonicalNameComparer Instance = new CanonicalNameComparer();

        public bool Equals(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x == null || y == null) return false;
            int i = 0, j = 0;
            while (true)
            {
                while (i < x.Length && Ignored(x[i])) i++;
                while (j < y.Length && Ignored(y[j])) j++;
                if (i == x.Length || j == y.Length) return i == x.Length && j == y.Length;
                if (char.ToLowerInvariant(x[i]) != char.ToLowerInvariant(y[j])) return false;
                i++;
                j++;
            }
        }

        public int GetHashCode(string text)
        {
            unchecked
            {
                var hash = (int)2166136261;
                foreach (var c in text)
                {
                    if (Ignored(c)) continue;
                    hash = (hash ^ char.ToLowerInvariant(c)) * 16777619;
                }
                return hash;
            }
        }

        private static bool Ignored(char c) => c == '_' || c == '-' || c == ' ';
    }
}
