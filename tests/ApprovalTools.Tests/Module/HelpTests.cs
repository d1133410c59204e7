using System.Text.RegularExpressions;
using System.Xml.Linq;
using ApprovalTools.HelpBuilder;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Module
{
    /// <summary>
    /// Cmdlet help: docs/help/&lt;Verb-Noun&gt;.md against the compiled cmdlets (every cmdlet, parameter and output type
    /// documented, nothing documented that does not exist, defaults as in the code, examples that only use real
    /// parameters), and the committed MAML (src/ApprovalTools/en-US/ApprovalTools.dll-Help.xml) against what
    /// tools/HelpBuilder generates from them.
    /// </summary>
    public sealed class HelpTests
    {
        private static readonly string HelpDirectory = Path.Combine(ModuleLayout.RepositoryRoot, HelpGenerator.HelpRelativeDirectory);
        private static readonly string MamlPath = Path.Combine(ModuleLayout.RepositoryRoot, HelpGenerator.MamlRelativePath);

        private static readonly IReadOnlyList<CmdletModel> Cmdlets = CmdletModel.FromAssembly(ModuleLayout.ModuleAssembly);
        private static readonly IReadOnlyList<HelpDocument> Help = HelpGenerator.LoadHelp(HelpDirectory);

        private static HelpDocument? HelpOf(CmdletModel cmdlet) =>
            Help.FirstOrDefault(h => string.Equals(h.CommandName, cmdlet.Name, StringComparison.OrdinalIgnoreCase));

        [Fact]
        public void The_generator_sees_every_compiled_cmdlet_and_parameter()
        {
            Assert.Equal(ModuleLayout.Cmdlets.Select(c => c.Name).OrderBy(n => n), Cmdlets.Select(c => c.Name).OrderBy(n => n));
            foreach (var surface in ModuleLayout.Cmdlets)
            {
                var model = Cmdlets.Single(c => c.Name == surface.Name);
                var seen = model.Parameters.Select(p => p.Name).Concat(model.HiddenParameters)
                    .Except(model.SupportsPaging ? new[] { "First", "Skip", "IncludeTotalCount" } : Array.Empty<string>());
                Assert.Equal(surface.Parameters.Select(p => p.Name).OrderBy(n => n), seen.OrderBy(n => n));
            }
        }

        [Fact]
        public void Every_cmdlet_has_a_help_file_with_a_synopsis_and_an_example()
        {
            var problems = new List<string>();
            foreach (var cmdlet in Cmdlets)
            {
                var help = HelpOf(cmdlet);
                if (help == null)
                {
                    problems.Add($"{cmdlet.Name}: no docs/help/{cmdlet.Name}.md");
                    continue;
                }
                if (help.File != cmdlet.Name + ".md") problems.Add($"{help.File}: should be named {cmdlet.Name}.md");
                if (help.Synopsis.Count == 0) problems.Add($"{cmdlet.Name}: no SYNOPSIS");
                if (help.Description.Count == 0) problems.Add($"{cmdlet.Name}: no DESCRIPTION");
                if (help.Examples.Count == 0) problems.Add($"{cmdlet.Name}: no example");
                problems.AddRange(help.Examples.Where(e => e.Remarks.Count == 0).Select(e => $"{cmdlet.Name}: '{e.Title}' has no explanation"));
            }
            foreach (var help in Help.Where(h => !Cmdlets.Any(c => string.Equals(c.Name, h.CommandName, StringComparison.OrdinalIgnoreCase))))
                problems.Add($"{help.File}: '# {help.CommandName}' is not a cmdlet of ApprovalTools.dll");
            NoProblems(problems);
        }

        [Fact]
        public void Every_parameter_is_documented_and_every_documented_parameter_exists()
        {
            var problems = new List<string>();
            foreach (var cmdlet in Cmdlets)
            {
                var help = HelpOf(cmdlet);
                if (help == null) continue;
                foreach (var parameter in cmdlet.Parameters.Where(p => help.Parameter(p.Name) == null))
                    problems.Add($"{cmdlet.Name}: -{parameter.Name} is not documented");
                foreach (var documented in help.Parameters.Where(d => cmdlet.Parameter(d.Name) == null && !cmdlet.RiskParameters.Contains(d.Name)))
                    problems.Add($"{cmdlet.Name}: documents -{documented.Name}, which it does not have" +
                                 (cmdlet.HiddenParameters.Contains(documented.Name) ? " (DontShow: hidden from help)" : ""));
                foreach (var documented in help.Parameters.Where(d => cmdlet.Parameter(d.Name) is { } p && p.Name != d.Name))
                    problems.Add($"{cmdlet.Name}: '### -{documented.Name}' should be spelled -{cmdlet.Parameter(documented.Name)!.Name}");
            }
            NoProblems(problems);
        }

        /// <summary>A parameter with a default in code says so in its text, with the code's value (e.g. "default 4").</summary>
        [Fact]
        public void Documented_defaults_match_the_code()
        {
            var problems = new List<string>();
            foreach (var cmdlet in Cmdlets)
            {
                var help = HelpOf(cmdlet);
                if (help == null) continue;
                foreach (var parameter in cmdlet.Parameters.Where(p => p.DefaultValue != null && !p.Mandatory))
                {
                    var text = string.Join(" ", help.Parameter(parameter.Name)?.Text ?? Array.Empty<string>());
                    if (!Regex.IsMatch(text, @"\bdefault\b", RegexOptions.IgnoreCase) || !text.Contains(parameter.DefaultValue!, StringComparison.OrdinalIgnoreCase))
                        problems.Add($"{cmdlet.Name}: -{parameter.Name} defaults to '{parameter.DefaultValue}' in code; its help must say 'default' and that value");
                }
            }
            NoProblems(problems);
        }

        [Fact]
        public void Every_output_type_is_documented_and_only_those()
        {
            var problems = new List<string>();
            foreach (var cmdlet in Cmdlets)
            {
                var help = HelpOf(cmdlet);
                if (help == null) continue;
                var declared = cmdlet.OutputTypes.Select(t => t.FullName!).ToList();
                problems.AddRange(declared.Where(t => help.Outputs.All(o => o.Name != t)).Select(t => $"{cmdlet.Name}: OUTPUTS lacks '### {t}'"));
                problems.AddRange(help.Outputs.Where(o => !declared.Contains(o.Name)).Select(o => $"{cmdlet.Name}: OUTPUTS names {o.Name}, not in [OutputType]"));
                var pipelineTypes = cmdlet.Parameters.Where(p => p.ByValue || p.ByPropertyName).SelectMany(p => new[] { p.TypeFullName, p.TypeName }).ToList();
                problems.AddRange(help.Inputs.Where(i => !pipelineTypes.Contains(i.Name)).Select(i => $"{cmdlet.Name}: INPUTS names {i.Name}, which no pipeline parameter takes"));
            }
            NoProblems(problems);
        }

        [Fact]
        public void Help_examples_use_only_parameters_the_cmdlet_has()
        {
            var problems = new List<string>();
            foreach (var help in Help)
            {
                foreach (var example in help.Examples)
                    problems.AddRange(UnknownParameters(example.Code).Select(p => $"{help.File}, {example.Title}: {p}"));
                if (help.Examples.All(e => !ExampleScanner.Scan(e.Code, new[] { help.CommandName }).Any()))
                    problems.Add($"{help.File}: no example runs {help.CommandName}");
            }
            NoProblems(problems);
        }

        /// <summary>The same check over the powershell blocks of docs/*.md and README.md.</summary>
        [Fact]
        public void Docs_examples_use_only_parameters_the_cmdlet_has()
        {
            var files = Directory.GetFiles(Path.Combine(ModuleLayout.RepositoryRoot, "docs"), "*.md").Append(Path.Combine(ModuleLayout.RepositoryRoot, "README.md"));
            var problems = new List<string>();
            var invocations = 0;
            foreach (var file in files)
            {
                foreach (Match block in Regex.Matches(File.ReadAllText(file).Replace("\r\n", "\n"), @"```powershell\n(.*?)```", RegexOptions.Singleline))
                {
                    invocations += ExampleScanner.Scan(block.Groups[1].Value, Cmdlets.Select(c => c.Name)).Count;
                    problems.AddRange(UnknownParameters(block.Groups[1].Value).Select(p => $"{Path.GetFileName(file)}: {p}"));
                }
            }
            NoProblems(problems);
            Assert.True(invocations > 40, $"only {invocations} invocations of our cmdlets found in docs/*.md and README.md: is the scan broken?");
        }

        [Fact]
        public void Committed_MAML_is_up_to_date()
        {
            Assert.True(File.Exists(MamlPath), $"{MamlPath} is missing: run 'dotnet run --project tools/HelpBuilder'");
            var expected = HelpGenerator.Generate(ModuleLayout.ModuleAssembly, HelpDirectory);
            var committed = File.ReadAllText(MamlPath).Replace("\r\n", "\n");
            Assert.True(expected == committed,
                $"{HelpGenerator.MamlRelativePath} is out of date: run 'dotnet run --project tools/HelpBuilder' and commit the result.");
        }

        [Fact]
        public void MAML_has_one_command_per_cmdlet_with_its_syntax_and_parameters()
        {
            XNamespace command = MamlWriter.Command, maml = MamlWriter.Maml, dev = MamlWriter.Dev;
            var document = XDocument.Load(MamlPath);
            Assert.Equal(MamlWriter.Msh + "helpItems", document.Root!.Name);
            Assert.Equal("maml", document.Root.Attribute("schema")?.Value);

            var commands = document.Root.Elements(command + "command").ToList();
            Assert.Equal(Cmdlets.Select(c => c.Name).OrderBy(n => n), commands.Select(c => c.Element(command + "details")!.Element(command + "name")!.Value).OrderBy(n => n));
            foreach (var element in commands)
            {
                var details = element.Element(command + "details")!;
                var cmdlet = Cmdlets.Single(c => c.Name == details.Element(command + "name")!.Value);
                Assert.Equal(cmdlet.Verb, details.Element(command + "verb")!.Value);
                Assert.Equal(cmdlet.Noun, details.Element(command + "noun")!.Value);
                Assert.False(string.IsNullOrWhiteSpace(details.Element(maml + "description")?.Value), cmdlet.Name + ": empty synopsis");
                Assert.Contains(element.Element(command + "examples")!.Elements(command + "example"), e => e.Element(dev + "code")!.Value.Length > 0);

                var items = element.Element(command + "syntax")!.Elements(command + "syntaxItem").ToList();
                Assert.Equal(cmdlet.ParameterSets.Count, items.Count);
                var extra = cmdlet.RiskParameters.ToList();
                foreach (var (item, set) in items.Zip(cmdlet.ParameterSets))
                {
                    var names = item.Elements(command + "parameter").Select(p => p.Element(maml + "name")!.Value).ToList();
                    var expected = cmdlet.Parameters.Where(p => p.In(set) != null).Select(p => p.Name).Concat(extra);
                    Assert.Equal(expected.OrderBy(n => n), names.OrderBy(n => n));
                    foreach (var parameter in item.Elements(command + "parameter").Where(p => !extra.Contains(p.Element(maml + "name")!.Value)))
                    {
                        var entry = cmdlet.Parameter(parameter.Element(maml + "name")!.Value)!.In(set)!;
                        Assert.Equal(entry.Mandatory ? "true" : "false", parameter.Attribute("required")!.Value);
                        Assert.Equal(entry.Position?.ToString() ?? "named", parameter.Attribute("position")!.Value);
                        Assert.Equal(ParameterModel.PipelineText(entry.ByValue, entry.ByPropertyName), parameter.Attribute("pipelineInput")!.Value);
                    }
                }

                var parameters = element.Element(command + "parameters")!.Elements(command + "parameter").ToList();
                Assert.Equal(cmdlet.Parameters.Select(p => p.Name).Concat(extra).OrderBy(n => n), parameters.Select(p => p.Element(maml + "name")!.Value).OrderBy(n => n));
                foreach (var parameter in parameters)
                {
                    var name = parameter.Element(maml + "name")!.Value;
                    Assert.False(string.IsNullOrWhiteSpace(parameter.Element(maml + "description")?.Value), $"{cmdlet.Name} -{name}: no description");
                    var model = cmdlet.Parameter(name);
                    if (model != null)
                        Assert.Equal(model.Aliases.Count == 0 ? "none" : string.Join(", ", model.Aliases), parameter.Attribute("aliases")!.Value);
                }

                var returns = element.Element(command + "returnValues")!.Elements(command + "returnValue").Select(r => r.Element(dev + "type")!.Element(maml + "name")!.Value);
                Assert.Equal(cmdlet.OutputTypes.Select(t => t.FullName!), returns);
                var inputs = element.Element(command + "inputTypes")!.Elements(command + "inputType").Select(r => r.Element(dev + "type")!.Element(maml + "name")!.Value);
                Assert.Equal(cmdlet.Parameters.Where(p => p.ByValue || p.ByPropertyName).Select(p => p.TypeFullName).Distinct().OrderBy(n => n), inputs.OrderBy(n => n));
            }
        }

        /// <summary>What a user must read before running these (Get-Help -Full shows NOTES).</summary>
        [Fact]
        public void Notes_carry_the_warnings_and_defaults_users_must_know()
        {
            string Notes(string name) => string.Join(" ", Help.Single(h => h.CommandName == name).Notes);
            var clear = Notes("Clear-ExternalInstance");
            Assert.Contains("IRREVERSIBLE", clear);
            Assert.Contains("test tenant", clear);
            Assert.Contains("Connect-Feishu -Sandbox", clear);
            var sync = Notes("Sync-ExternalInstance");
            Assert.Contains("defaults to UPDATE", sync);
            Assert.Contains("never deletes", sync);
            Assert.Contains("Asynchronous without -Wait", Notes("Submit-BatchApproval"));
        }

        [Theory]
        [InlineData("Connect-Feishu -AppId cli_1 -AppSecret (Read-Host -AsSecureString 'x')", "Connect-Feishu -AppId -AppSecret")]
        [InlineData("$a | Sync-ExternalInstance -Mode Replace -Confirm:$false | Format-Table -AutoSize", "Sync-ExternalInstance -Mode -Confirm")]
        [InlineData("Get-ApprovalTask -UserId 'a -Bogus' # -Topic\n-NotMine", "Get-ApprovalTask -UserId")]
        [InlineData("Invoke-NodeOperation -Action Confirm `\n    -Field @{ a = 1; b = -2 } -NodeOwner ($_.o -split ';')", "Invoke-NodeOperation -Action -Field -NodeOwner")]
        [InlineData("ForEach-Object { $_ | Submit-BatchApproval -UserId u -Wait } -Verbose", "Submit-BatchApproval -UserId -Wait")]
        [InlineData("Get-Help Sync-ExternalInstance -Examples; $c = Connect-Feishu -Sandbox", "Connect-Feishu -Sandbox")]
        public void Example_scanner_reads_only_the_invocations_own_parameters(string code, string expected)
        {
            var found = ExampleScanner.Scan(code, Cmdlets.Select(c => c.Name));
            Assert.Equal(expected, Assert.Single(found).ToString());
        }

        [Fact]
        public void Example_check_catches_an_unknown_parameter_and_a_misplaced_WhatIf()
        {
            Assert.Equal(new[] { "Sync-ExternalInstance: -Bogus" }, UnknownParameters("Sync-ExternalInstance -Mode Update -Bogus"));
            Assert.Equal(new[] { "Test-ExternalInstance: -WhatIf" }, UnknownParameters("$x | Test-ExternalInstance -WhatIf -Verbose -ErrorAction Stop"));
        }

        [Theory]
        [InlineData("# Get-X\n## SYNOPSIS\nx\n## SYNTAX\nGet-X\n", "unknown section")]
        [InlineData("# Get-X\n## PARAMETERS\n### Name\nx\n", "expected '### -Name'")]
        [InlineData("# Get-X\n## EXAMPLES\n### Example 1\nno code\n", "must start with a fenced code block")]
        [InlineData("# Get-X\n## PARAMETERS\n### -A\n", "has no text")]
        public void Help_markdown_format_errors_name_the_problem(string text, string message)
        {
            var ex = Assert.Throws<FormatException>(() => HelpDocument.Parse(text, "Get-X.md"));
            Assert.Contains(message, ex.Message);
            Assert.StartsWith("Get-X.md:", ex.Message);
        }

        /// <summary>"Cmdlet: -Name" for every parameter an invocation of one of our cmdlets uses that the cmdlet does not have.</summary>
        private static IEnumerable<string> UnknownParameters(string code)
        {
            foreach (var invocation in ExampleScanner.Scan(code, Cmdlets.Select(c => c.Name)))
            {
                var cmdlet = Cmdlets.Single(c => string.Equals(c.Name, invocation.Command, StringComparison.OrdinalIgnoreCase));
                foreach (var name in invocation.Parameters)
                {
                    var known = cmdlet.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)
                                                           || p.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase))
                                || cmdlet.RiskParameters.Contains(name, StringComparer.OrdinalIgnoreCase)
                                || ExampleScanner.CommonParameters.Contains(name);
                    if (!known) yield return $"{cmdlet.Name}: -{name}";
                }
            }
        }

        private static void NoProblems(IEnumerable<string> problems)
        {
            var list = problems.ToList();
            Assert.True(list.Count == 0, list.Count + " problem(s):\n  " + string.Join("\n  ", list));
        }
    }
}
