using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ApprovalTools.HelpBuilder
{
    /// <summary>
    /// Writes the MAML that Get-Help reads for binary cmdlets (&lt;AssemblyFileName&gt;-Help.xml): per cmdlet a
    /// command:command with details/synopsis, description, one syntax item per parameter set, parameters,
    /// inputTypes, returnValues, alertSet (NOTES), examples and relatedLinks. Deterministic: same input, same bytes.
    /// </summary>
    public static class MamlWriter
    {
        public static readonly XNamespace Msh = "http://msh";
        public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static string Write(IEnumerable<(CmdletModel Cmdlet, HelpDocument Help)> commands)
        {
            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                commands.Select(c => CommandElement(c.Cmdlet, c.Help)));
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
            using var stream = new MemoryStream();
            using (var writer = XmlWriter.Create(stream, settings)) new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        private static XElement CommandElement(CmdletModel cmdlet, HelpDocument help) =>
            new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", cmdlet.Name),
                    new XElement(Command + "verb", cmdlet.Verb),
                    new XElement(Command + "noun", cmdlet.Noun),
                    Description(help.Synopsis)),
                Description(help.Description),
                new XElement(Command + "syntax", cmdlet.ParameterSets.Select(set => SyntaxItem(cmdlet, help, set))),
                new XElement(Command + "parameters", cmdlet.Parameters.Select(p => Parameter(p, help, null))
                    .Concat(RiskParameters(cmdlet, help))),
                new XElement(Command + "inputTypes", InputTypes(cmdlet, help)),
                new XElement(Command + "returnValues", cmdlet.OutputTypes.Select(t => new XElement(Command + "returnValue",
                    TypeElement(t.FullName ?? t.Name),
                    Description(help.Outputs.FirstOrDefault(o => o.Name == t.FullName || o.Name == t.Name)?.Text ?? Array.Empty<string>())))),
                help.Notes.Count == 0 ? null : new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
                new XElement(Command + "examples", help.Examples.Select((e, i) => new XElement(Command + "example",
                    new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", Paras(e.Remarks))))),
                new XElement(Command + "relatedLinks", help.RelatedLinks.Select(Link)));

        private static XElement SyntaxItem(CmdletModel cmdlet, HelpDocument help, string set) =>
            new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", cmdlet.Name),
                Ordered(cmdlet, set).Select(p => Parameter(p, help, set)),
                RiskParameters(cmdlet, help));

        /// <summary>A syntax item's order (as PowerShell prints syntax): positional by position, then mandatory named, then the other named, each in declaration order.</summary>
        public static IEnumerable<ParameterModel> Ordered(CmdletModel cmdlet, string set) =>
            cmdlet.Parameters.Where(p => p.In(set) != null)
                .Select((p, i) => (Parameter: p, Index: i, Entry: p.In(set)!))
                .OrderBy(x => x.Entry.Position == null ? 1 : 0).ThenBy(x => x.Entry.Position ?? 0)
                .ThenBy(x => x.Entry.Mandatory ? 0 : 1).ThenBy(x => x.Index)
                .Select(x => x.Parameter);

        private static XElement Parameter(ParameterModel p, HelpDocument help, string? set)
        {
            var entry = set == null ? null : p.In(set);
            var mandatory = entry?.Mandatory ?? p.Mandatory;
            var position = set == null ? p.Position : entry?.Position;
            var pipeline = entry != null ? ParameterModel.PipelineText(entry.ByValue, entry.ByPropertyName) : ParameterModel.PipelineText(p.ByValue, p.ByPropertyName);
            var element = new XElement(Command + "parameter",
                new XAttribute("required", mandatory ? "true" : "false"),
                new XAttribute("variableLength", p.Type.IsArray ? "true" : "false"),
                new XAttribute("globbing", "false"),
                new XAttribute("pipelineInput", pipeline),
                new XAttribute("position", position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
                new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
                new XElement(Maml + "name", p.Name),
                Description(help.Parameter(p.Name)?.Text ?? Array.Empty<string>()));
            if (p.AcceptedValues.Count > 0)
            {
                element.Add(new XElement(Command + "parameterValueGroup", p.AcceptedValues.Select(v =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v))));
            }
            if (!p.IsSwitch)
            {
                element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"),
                    new XAttribute("variableLength", p.Type.IsArray ? "true" : "false"), p.TypeName));
            }
            element.Add(TypeElement(p.TypeFullName));
            element.Add(new XElement(Dev + "defaultValue", p.Mandatory || p.DefaultValue == null ? (p.IsSwitch ? "False" : "None") : p.DefaultValue));
            return element;
        }

        private static readonly IReadOnlyDictionary<string, (string[] Aliases, string Text)> RiskText = new Dictionary<string, (string[], string)>
        {
            ["WhatIf"] = (new[] { "wi" }, "Shows what would happen if the cmdlet runs. Nothing is sent to the server."),
            ["Confirm"] = (new[] { "cf" }, "Prompts you for confirmation before running the cmdlet."),
        };

        /// <summary>-WhatIf and -Confirm (SupportsShouldProcess): the cmdlet's help may describe them, else the standard text.</summary>
        private static IEnumerable<XElement> RiskParameters(CmdletModel cmdlet, HelpDocument help) =>
            cmdlet.RiskParameters.Select(name => new XElement(Command + "parameter",
                new XAttribute("required", "false"), new XAttribute("variableLength", "false"), new XAttribute("globbing", "false"),
                new XAttribute("pipelineInput", "False"), new XAttribute("position", "named"),
                new XAttribute("aliases", string.Join(", ", RiskText[name].Aliases)),
                new XElement(Maml + "name", name),
                Description(help.Parameter(name)?.Text ?? new[] { RiskText[name].Text }),
                TypeElement("System.Management.Automation.SwitchParameter"),
                new XElement(Dev + "defaultValue", "False")));

        /// <summary>One inputType per parameter type that takes pipeline input; text says which parameters and how, then the help's INPUTS text for that type.</summary>
        public static IEnumerable<XElement> InputTypes(CmdletModel cmdlet, HelpDocument help) =>
            cmdlet.Parameters.Where(p => p.ByValue || p.ByPropertyName)
                .GroupBy(p => p.TypeFullName)
                .Select(g =>
                {
                    var how = g.Select(p => $"-{p.Name} ({(p.ByValue && p.ByPropertyName ? "by value and by property name" : p.ByValue ? "by value" : "by property name")}" +
                                            (p.ByPropertyName && p.Aliases.Count > 0 ? ", also from " + string.Join(", ", p.Aliases) : "") + ")");
                    var text = new List<string> { "Pipeline input binds to " + string.Join("; ", how) + "." };
                    var extra = help.Inputs.FirstOrDefault(i => i.Name == g.Key || i.Name == g.First().TypeName);
                    if (extra != null) text.AddRange(extra.Text);
                    return new XElement(Command + "inputType", TypeElement(g.Key), Description(text));
                });

        private static XElement TypeElement(string name) => new XElement(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) =>
            paragraphs.Select(p => new XElement(Maml + "para", HelpDocument.Plain(p)));

        private static XElement Link(string item)
        {
            var start = item.IndexOf("](", StringComparison.Ordinal);
            var text = start > 0 && item.StartsWith("[", StringComparison.Ordinal) ? item.Substring(1, start - 1) : item;
            var uri = start > 0 && item.EndsWith(")", StringComparison.Ordinal) ? item.Substring(start + 2, item.Length - start - 3) : string.Empty;
            return new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));
        }
    }
}
