using System.Text.RegularExpressions;

namespace ApprovalTools.Tests.Support
{
    /// <summary>
    /// A small reader for the flat module manifest we write (no pwsh here to run Import-PowerShellDataFile):
    /// <c>Key = 'text'</c>, <c>Key = "text"</c>, <c>Key = @('a', 'b')</c> (one item a line or comma-separated),
    /// comments removed. Nested hashtables (PrivateData.PSData) are searched the same way by key name.
    /// </summary>
    public sealed class ManifestReader
    {
        private static readonly Regex Quoted = new(@"'((?:[^']|'')*)'|""((?:[^""`]|`.)*)""", RegexOptions.Compiled);

        private readonly string _text;

        public ManifestReader(string text) => _text = StripComments(text);

        public static ManifestReader Load(string path) => new(File.ReadAllText(path));

        public bool Has(string key) => KeyMatch(key).Success;

        /// <summary>The string value of <paramref name="key"/>, null when absent.</summary>
        public string? String(string key)
        {
            var m = KeyMatch(key);
            if (!m.Success) return null;
            var q = Quoted.Match(_text, m.Index + m.Length);
            if (!q.Success || q.Index != SkipSpaces(m.Index + m.Length)) throw new FormatException($"{key} is not a quoted string");
            return Unquote(q);
        }

        /// <summary>The items of an @(...) list (or a single string) at <paramref name="key"/>, null when absent.</summary>
        public IReadOnlyList<string>? List(string key)
        {
            var m = KeyMatch(key);
            if (!m.Success) return null;
            var start = SkipSpaces(m.Index + m.Length);
            if (_text.Length > start + 1 && _text[start] == '@' && _text[start + 1] == '(')
            {
                var end = _text.IndexOf(')', start);
                if (end < 0) throw new FormatException($"{key}: unterminated @(");
                var body = _text.Substring(start + 2, end - start - 2);
                var items = Quoted.Matches(body).Select(Unquote).ToList();
                var rest = Quoted.Replace(body, "");
                if (rest.Any(c => !char.IsWhiteSpace(c) && c != ','))
                    throw new FormatException($"{key}: only quoted strings are supported in a list, found '{rest.Trim()}'");
                return items;
            }
            return new[] { String(key)! };
        }

        private Match KeyMatch(string key) =>
            Regex.Match(_text, @"(?m)^\s*" + Regex.Escape(key) + @"\s*=\s*", RegexOptions.IgnoreCase);

        private int SkipSpaces(int i)
        {
            while (i < _text.Length && char.IsWhiteSpace(_text[i])) i++;
            return i;
        }

        private static string Unquote(Match q) =>
            q.Groups[1].Success ? q.Groups[1].Value.Replace("''", "'") : Regex.Replace(q.Groups[2].Value, "`(.)", "$1");

        private static string StripComments(string text)
        {
            text = Regex.Replace(text, @"<#.*?#>", "", RegexOptions.Singleline);
            // whole-line comments only: '#' inside a value (there are none in our manifest) stays untouched
            return Regex.Replace(text, @"(?m)^\s*#.*$", "");
        }
    }
}
