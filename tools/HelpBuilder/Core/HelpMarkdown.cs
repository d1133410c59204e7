using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ApprovalTools.HelpBuilder
{
    /// <summary>
    /// One docs/help/&lt;Verb-Noun&gt;.md file (format in docs/help/README.md):
    /// <c># Verb-Noun</c>, then the level-2 sections SYNOPSIS, DESCRIPTION, PARAMETERS (one <c>### -Name</c> each),
    /// INPUTS and OUTPUTS (one <c>### Type.Name</c> each), EXAMPLES (<c>### Example N: title</c>, one fenced code block,
    /// then the explanation), NOTES, RELATED LINKS (list items). Text is paragraphs separated by blank lines; a list
    /// item is a paragraph of its own.
    /// </summary>
    public sealed class HelpDocument
    {
        public static readonly IReadOnlyList<string> Sections =
            new[] { "SYNOPSIS", "DESCRIPTION", "PARAMETERS", "INPUTS", "OUTPUTS", "EXAMPLES", "NOTES", "RELATED LINKS" };

        public string File { get; private set; } = string.Empty;
        public string CommandName { get; private set; } = string.Empty;
        public IReadOnlyList<string> Synopsis { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<string> Description { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<HelpEntry> Parameters { get; private set; } = Array.Empty<HelpEntry>();
        public IReadOnlyList<HelpEntry> Inputs { get; private set; } = Array.Empty<HelpEntry>();
        public IReadOnlyList<HelpEntry> Outputs { get; private set; } = Array.Empty<HelpEntry>();
        public IReadOnlyList<HelpExample> Examples { get; private set; } = Array.Empty<HelpExample>();
        public IReadOnlyList<string> Notes { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<string> RelatedLinks { get; private set; } = Array.Empty<string>();

        public HelpEntry? Parameter(string name) =>
            Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

        public static HelpDocument Load(string path) => Parse(System.IO.File.ReadAllText(path), Path.GetFileName(path));

        public static HelpDocument Parse(string text, string file)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var doc = new HelpDocument { File = file };
            var sections = new Dictionary<string, List<(string Line, int Number)>>(StringComparer.Ordinal);
            List<(string, int)>? current = null;
            var inFence = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                if (!inFence && line.StartsWith("# ", StringComparison.Ordinal))
                {
                    if (doc.CommandName.Length > 0) throw Error(file, i, "a second level-1 heading");
                    doc.CommandName = line.Substring(2).Trim();
                    continue;
                }
                if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
                {
                    var name = line.Substring(3).Trim().ToUpperInvariant();
                    if (!Sections.Contains(name)) throw Error(file, i, $"unknown section '## {line.Substring(3).Trim()}' (known: {string.Join(", ", Sections)})");
                    if (sections.ContainsKey(name)) throw Error(file, i, $"section '{name}' appears twice");
                    sections[name] = current = new List<(string, int)>();
                    continue;
                }
                if (current == null)
                {
                    if (line.Trim().Length > 0 && !line.StartsWith("<!--", StringComparison.Ordinal) && doc.CommandName.Length > 0)
                        throw Error(file, i, "text before the first section");
                    continue;
                }
                current.Add((line, i));
            }
            if (inFence) throw Error(file, lines.Length - 1, "an unclosed code fence");
            if (doc.CommandName.Length == 0) throw Error(file, 0, "no '# Verb-Noun' heading");

            List<(string, int)> Section(string name) => sections.TryGetValue(name, out var s) ? s : new List<(string, int)>();
            doc.Synopsis = Paragraphs(Section("SYNOPSIS"), file, "SYNOPSIS");
            doc.Description = Paragraphs(Section("DESCRIPTION"), file, "DESCRIPTION");
            doc.Parameters = Entries(Section("PARAMETERS"), file, "PARAMETERS", requireDash: true);
            doc.Inputs = Entries(Section("INPUTS"), file, "INPUTS", requireDash: false);
            doc.Outputs = Entries(Section("OUTPUTS"), file, "OUTPUTS", requireDash: false);
            doc.Examples = ExamplesOf(Section("EXAMPLES"), file);
            doc.Notes = Paragraphs(Section("NOTES"), file, "NOTES");
            doc.RelatedLinks = Paragraphs(Section("RELATED LINKS"), file, "RELATED LINKS").Select(l => l.TrimStart('-', '*', ' ')).ToList();
            return doc;
        }

        private static List<HelpEntry> Entries(List<(string Line, int Number)> lines, string file, string section, bool requireDash)
        {
            var result = new List<HelpEntry>();
            foreach (var (heading, body, number) in SplitByH3(lines, file, section))
            {
                if (requireDash && !heading.StartsWith("-", StringComparison.Ordinal)) throw Error(file, number, $"{section}: expected '### -Name', got '### {heading}'");
                var name = requireDash ? heading.Substring(1).Trim() : heading.Trim();
                if (result.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))) throw Error(file, number, $"{section}: '{name}' appears twice");
                var text = Paragraphs(body, file, section + " " + heading);
                if (text.Count == 0) throw Error(file, number, $"{section}: '{heading}' has no text");
                result.Add(new HelpEntry(name, text));
            }
            return result;
        }

        private static List<HelpExample> ExamplesOf(List<(string Line, int Number)> lines, string file)
        {
            var result = new List<HelpExample>();
            foreach (var (heading, body, number) in SplitByH3(lines, file, "EXAMPLES"))
            {
                var fenceStart = body.FindIndex(l => l.Line.TrimStart().StartsWith("```", StringComparison.Ordinal));
                if (fenceStart < 0 || body.Take(fenceStart).Any(l => l.Line.Trim().Length > 0))
                    throw Error(file, number, $"example '{heading}' must start with a fenced code block");
                var fenceEnd = body.FindIndex(fenceStart + 1, l => l.Line.TrimStart().StartsWith("```", StringComparison.Ordinal));
                var code = string.Join("\n", body.Skip(fenceStart + 1).Take(fenceEnd - fenceStart - 1).Select(l => l.Line)).TrimEnd();
                var rest = body.Skip(fenceEnd + 1).ToList();
                if (rest.Any(l => l.Line.TrimStart().StartsWith("```", StringComparison.Ordinal))) throw Error(file, number, $"example '{heading}' has more than one code block");
                if (code.Trim().Length == 0) throw Error(file, number, $"example '{heading}' has no code");
                result.Add(new HelpExample(heading, code, Paragraphs(rest, file, heading)));
            }
            return result;
        }

        private static IEnumerable<(string Heading, List<(string Line, int Number)> Body, int Number)> SplitByH3(List<(string Line, int Number)> lines, string file, string section)
        {
            string? heading = null;
            var headingLine = 0;
            var body = new List<(string, int)>();
            foreach (var (line, number) in lines)
            {
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    if (heading != null) yield return (heading, body, headingLine);
                    heading = line.Substring(4).Trim();
                    headingLine = number;
                    body = new List<(string, int)>();
                    continue;
                }
                if (heading == null)
                {
                    if (line.Trim().Length > 0) throw Error(file, number, $"{section}: text before the first '###' heading");
                    continue;
                }
                body.Add((line, number));
            }
            if (heading != null) yield return (heading, body, headingLine);
        }

        /// <summary>Blank-line separated paragraphs, lines joined by a space; "- " items are paragraphs of their own; a fenced block is one paragraph (lines kept).</summary>
        private static List<string> Paragraphs(List<(string Line, int Number)> lines, string file, string where)
        {
            var result = new List<string>();
            var current = new StringBuilder();
            void Flush()
            {
                if (current.Length > 0) result.Add(current.ToString());
                current.Clear();
            }
            var inFence = false;
            foreach (var (raw, number) in lines)
            {
                if (raw.StartsWith("### ", StringComparison.Ordinal)) throw Error(file, number, $"{where}: unexpected '###' heading");
                if (raw.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    Flush();
                    inFence = !inFence;
                    continue;
                }
                if (inFence)
                {
                    if (current.Length > 0) current.Append('\n');
                    current.Append("    ").Append(raw);
                    continue;
                }
                var line = raw.Trim();
                if (line.Length == 0)
                {
                    Flush();
                    continue;
                }
                if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal)) Flush();
                if (current.Length > 0) current.Append(' ');
                current.Append(line);
            }
            Flush();
            return result;
        }

        private static FormatException Error(string file, int line, string message) => new FormatException($"{file}:{line + 1}: {message}");

        /// <summary>Markdown inline markup dropped for the console: `code` and **bold** become plain text, [text](uri) becomes "text (uri)".</summary>
        public static string Plain(string markdown)
        {
            var text = Regex.Replace(markdown, @"\[([^\]]+)\]\(([^)]+)\)", "$1 ($2)");
            text = Regex.Replace(text, @"\*\*(.+?)\*\*", "$1");
            return Regex.Replace(text, "`([^`]+)`", "$1");
        }
    }

    public sealed class HelpEntry
    {
        public HelpEntry(string name, IReadOnlyList<string> text)
        {
            Name = name;
            Text = text;
        }

        public string Name { get; }
        public IReadOnlyList<string> Text { get; }
    }

    public sealed class HelpExample
    {
        public HelpExample(string title, string code, IReadOnlyList<string> remarks)
        {
            Title = title;
            Code = code;
            Remarks = remarks;
        }

        public string Title { get; }
        public string Code { get; }
        public IReadOnlyList<string> Remarks { get; }
    }
}
