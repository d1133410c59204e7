using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;

namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// Removes secrets from text before it is logged or put into an error: every value registered with
    /// <see cref="Add"/> (secrets and tokens seen on this connection) and the values of JSON properties
    /// whose names say they hold a secret.
    /// </summary>
    public sealed class Redactor
    {
        public const string Mask = "***";

        // Built on the first Redact, not when the first connection is made: constructing it (let alone compiling it to IL)
        // is a visible part of a fresh session's first call, and a quiet successful run never redacts anything.
        private static Regex? _secretProperty;

        private static Regex SecretProperty => LazyInitializer.EnsureInitialized(ref _secretProperty, () => new Regex(
            "(\"(?:app_secret|plugin_secret|tenant_access_token|access_token|token|refresh_token|password)\"\\s*:\\s*\")([^\"]*)(\")",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))!;

        private readonly object _gate = new object();
        private List<string> _values = new List<string>();

        public void Add(string? value)
        {
            // Very short values would mask ordinary text; real secrets and tokens are long.
            if (value == null || value.Length < 6) return;
            lock (_gate)
            {
                if (_values.Contains(value)) return;
                var copy = new List<string>(_values) { value };
                copy.Sort((a, b) => b.Length.CompareTo(a.Length));
                _values = copy;
            }
        }

        public string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            var result = SecretProperty.Replace(text, m => m.Groups[1].Value + Mask + m.Groups[3].Value);
            foreach (var value in _values)
            {
                if (result.IndexOf(value, StringComparison.Ordinal) >= 0) result = result.Replace(value, Mask);
            }
            return result;
        }
    }
}
