using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace ApprovalTools.Infrastructure
{
    /// <summary>
    /// Turns what PowerShell hands a cmdlet into what Core reads: PSCustomObject (ConvertFrom-Json, Import-Csv) into a
    /// case-insensitive dictionary, hashtables into dictionaries, arrays into lists, other PSObjects into their base object.
    /// </summary>
    internal static class PSObjectAdapter
    {
        public static object? ToPlain(object? value) => IsPlain(value, 0) ? value : ToPlain(value, 0);

        /// <summary>
        /// True when nothing inside needs adapting (no PSObject anywhere): the usual hashtable or dictionary input is
        /// then handed on as it is instead of being copied once more per item.
        /// </summary>
        private static bool IsPlain(object? value, int depth)
        {
            if (depth > 32) return true;
            switch (value)
            {
                case null: return true;
                case PSObject _: return false;
                case string _: return true;
                // Walked without boxing an entry or an enumerator per item: this runs for every input item.
                case Dictionary<string, object?> generic:
                    foreach (var pair in generic)
                    {
                        if (!IsPlain(pair.Value, depth + 1)) return false;
                    }
                    return true;
                case List<object?> items:
                    foreach (var item in items)
                    {
                        if (!IsPlain(item, depth + 1)) return false;
                    }
                    return true;
                case object?[] array:
                    foreach (var item in array)
                    {
                        if (!IsPlain(item, depth + 1)) return false;
                    }
                    return true;
                case IDictionary dictionary:
                    var entries = dictionary.GetEnumerator();
                    while (entries.MoveNext())
                    {
                        if (!(entries.Key is string) || !IsPlain(entries.Value, depth + 1)) return false;
                    }
                    return true;
                case IEnumerable list:
                    foreach (var item in list)
                    {
                        if (!IsPlain(item, depth + 1)) return false;
                    }
                    return true;
                default: return true;
            }
        }

        private static object? ToPlain(object? value, int depth)
        {
            if (depth > 32) return value;
            switch (value)
            {
                case null: return null;
                case PSObject pso when pso.BaseObject is PSCustomObject:
                    var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in pso.Properties)
                    {
                        object? v;
                        try { v = property.Value; }
                        catch (GetValueException) { continue; }
                        map[property.Name] = ToPlain(v, depth + 1);
                    }
                    return map;
                case PSObject pso: return ToPlain(pso.BaseObject, depth + 1);
                case string _: return value;
                case IDictionary dictionary:
                    var copy = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in dictionary) copy[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToPlain(entry.Value, depth + 1);
                    return copy;
                case IEnumerable list:
                    var items = new List<object?>();
                    foreach (var item in list) items.Add(ToPlain(item, depth + 1));
                    return items;
                default: return value;
            }
        }
    }
}
