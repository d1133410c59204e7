using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ApprovalTools.HelpBuilder
{
    /// <summary>
    /// Finds the invocations of given commands in PowerShell example code and the <c>-Name</c> parameters each one
    /// uses. A small tokenizer, not a PowerShell parser: it skips strings and comments, joins backtick-continued lines,
    /// and counts only the names at the invocation's own nesting level, so <c>(Read-Host -AsSecureString)</c> or
    /// <c>($x -split ';')</c> inside an argument never count. An invocation starts where a command can (see
    /// <see cref="InCommandPosition"/>) and ends at |, ;, a line end or a closing bracket.
    /// </summary>
    public static class ExampleScanner
    {
        public sealed class Invocation
        {
            public Invocation(string command, IReadOnlyList<string> parameters)
            {
                Command = command;
                Parameters = parameters;
            }

            public string Command { get; }
            public IReadOnlyList<string> Parameters { get; }

            public override string ToString() => Command + " " + string.Join(" ", Parameters.Select(p => "-" + p));
        }

        /// <summary>Parameters PowerShell adds to every cmdlet (and their aliases); -WhatIf/-Confirm are checked separately.</summary>
        public static readonly IReadOnlyCollection<string> CommonParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa",
            "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv", "OutVariable", "ov",
            "OutBuffer", "ob", "PipelineVariable", "pv", "ProgressAction", "proga",
        };

        public static IReadOnlyList<Invocation> Scan(string code, IEnumerable<string> commands)
        {
            var names = new HashSet<string>(commands, StringComparer.OrdinalIgnoreCase);
            var tokens = Tokenize(code);
            var result = new List<Invocation>();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Kind != Kind.Word || !names.Contains(tokens[i].Text) || !InCommandPosition(tokens, i)) continue;
                var parameters = new List<string>();
                var depth = 0;
                for (var j = i + 1; j < tokens.Count; j++)
                {
                    var t = tokens[j];
                    if (t.Kind == Kind.Open) depth++;
                    else if (t.Kind == Kind.Close)
                    {
                        if (depth == 0) break;
                        depth--;
                    }
                    else if (depth == 0 && t.Kind == Kind.End) break;
                    else if (depth == 0 && t.Kind == Kind.Word && t.Text.Length > 1 && t.Text[0] == '-' && char.IsLetter(t.Text[1]))
                    {
                        var name = t.Text.Substring(1);
                        var colon = name.IndexOf(':');
                        parameters.Add(colon >= 0 ? name.Substring(0, colon) : name);
                    }
                }
                result.Add(new Invocation(tokens[i].Text, parameters));
            }
            return result;
        }

        /// <summary>
        /// A command name only runs at the start of a statement or pipeline element (after nothing, |, ;, a line end,
        /// an opening ( or {, =, &amp; or .); elsewhere it is an argument, as in <c>Get-Help Sync-ExternalInstance -Examples</c>.
        /// </summary>
        private static bool InCommandPosition(List<Token> tokens, int index)
        {
            if (index == 0) return true;
            var previous = tokens[index - 1];
            return previous.Kind == Kind.End
                   || (previous.Kind == Kind.Open && previous.Text != "[")
                   || (previous.Kind == Kind.Word && (previous.Text == "=" || previous.Text == "+=" || previous.Text == "&" || previous.Text == "."));
        }

        private enum Kind { Word, Open, Close, End, Literal }

        private readonly struct Token
        {
            public Token(Kind kind, string text)
            {
                Kind = kind;
                Text = text;
            }

            public Kind Kind { get; }
            public string Text { get; }
        }

        private static List<Token> Tokenize(string code)
        {
            var tokens = new List<Token>();
            var s = code.Replace("\r\n", "\n");
            var i = 0;
            while (i < s.Length)
            {
                var c = s[i];
                if (c == '`' && i + 1 < s.Length && s[i + 1] == '\n') { i += 2; continue; }             // line continuation
                if (c == '`') { i += 2; continue; }                                                      // escaped character
                if (c == '\n' || c == ';' || c == '|') { tokens.Add(new Token(Kind.End, c.ToString())); i++; continue; }
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (c == '<' && i + 1 < s.Length && s[i + 1] == '#') { var end = s.IndexOf("#>", i + 2, StringComparison.Ordinal); i = end < 0 ? s.Length : end + 2; continue; }
                if (c == '#') { while (i < s.Length && s[i] != '\n') i++; continue; }
                if (c == '\'' || c == '"') { i = SkipString(s, i); tokens.Add(new Token(Kind.Literal, "")); continue; }
                if (c == '(' || c == '{' || c == '[') { tokens.Add(new Token(Kind.Open, c.ToString())); i++; continue; }
                if (c == ')' || c == '}' || c == ']') { tokens.Add(new Token(Kind.Close, c.ToString())); i++; continue; }
                if (c == '@' && i + 1 < s.Length && (s[i + 1] == '{' || s[i + 1] == '(')) { i++; continue; }
                if (c == '$' && i + 1 < s.Length && s[i + 1] == '(') { i++; continue; }
                var word = new StringBuilder();
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && "();|{}[]'\"`".IndexOf(s[i]) < 0)
                {
                    word.Append(s[i]);
                    i++;
                }
                if (word.Length == 0) { i++; continue; }
                tokens.Add(new Token(Kind.Word, word.ToString()));
            }
            return tokens;
        }

        /// <summary>Skips a '...' or "..." string (doubled quotes and backtick escapes inside double quotes); returns the index after it.</summary>
        private static int SkipString(string s, int start)
        {
            var quote = s[start];
            var i = start + 1;
            while (i < s.Length)
            {
                if (quote == '"' && s[i] == '`') { i += 2; continue; }
                if (s[i] == quote)
                {
                    if (i + 1 < s.Length && s[i + 1] == quote) { i += 2; continue; }
                    return i + 1;
                }
                i++;
            }
            return i;
        }
    }
}
