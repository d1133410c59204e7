using System.Management.Automation;
using System.Security;
using System.Text.RegularExpressions;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Module
{
    /// <summary>
    /// Rules every cmdlet in ApprovalTools.dll must keep, read from the compiled attributes. Cmdlets are discovered by
    /// reflection, so a new cmdlet is checked without touching this file. Each test lists every offender at once.
    /// </summary>
    public sealed class CmdletSurfaceTests
    {
        private static readonly IReadOnlyList<CmdletSurface> Cmdlets = ModuleLayout.Cmdlets;

        private static void NoViolations(IEnumerable<string> violations)
        {
            var list = violations.ToList();
            Assert.True(list.Count == 0, "Violations:\n  " + string.Join("\n  ", list));
        }

        [Fact]
        public void Cmdlets_are_public_concrete_PSCmdlets()
        {
            NoViolations(ModuleLayout.CmdletTypes
                .Where(t => !t.IsPublic || t.IsAbstract || !typeof(Cmdlet).IsAssignableFrom(t))
                .Select(t => $"{t.FullName}: must be a public, non-abstract Cmdlet/PSCmdlet"));
        }

        [Fact]
        public void Cmdlet_names_are_unique_and_classes_are_named_after_them()
        {
            NoViolations(Cmdlets.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
                .Select(g => $"{g.Key}: declared {g.Count()} times"));
            NoViolations(ModuleLayout.CmdletTypes.Zip(Cmdlets)
                .Where(p => p.First.Name != p.Second.Verb + p.Second.Noun + "Command")
                .Select(p => $"{p.Second.Name}: class {p.First.Name} should be {p.Second.Verb}{p.Second.Noun}Command"));
        }

        [Fact]
        public void Verbs_are_approved()
        {
            NoViolations(Cmdlets.Where(c => !ApprovedVerbs.All.Contains(c.Verb))
                .Select(c => $"{c.Name}: '{c.Verb}' is not an approved verb (Get-Verb)"));
        }

        [Fact]
        public void Nouns_are_singular_PascalCase()
        {
            NoViolations(Cmdlets.Where(c => !Regex.IsMatch(c.Noun, "^[A-Z][A-Za-z0-9]*$"))
                .Select(c => $"{c.Name}: noun must be PascalCase letters/digits"));
            NoViolations(Cmdlets.Where(c => LooksPlural(LastWord(c.Noun)))
                .Select(c => $"{c.Name}: noun '{c.Noun}' looks plural"));
        }

        [Fact]
        public void Every_cmdlet_declares_its_output_type()
        {
            NoViolations(Cmdlets.Where(c => c.OutputTypeNames.Count == 0).Select(c => $"{c.Name}: no [OutputType]"));
        }

        [Fact]
        public void State_changing_cmdlets_support_ShouldProcess()
        {
            NoViolations(Cmdlets.Where(c => ApprovedVerbs.StateChanging.Contains(c.Verb) && !c.SupportsShouldProcess)
                .Select(c => $"{c.Name}: changes server state, needs SupportsShouldProcess = true"));
        }

        [Fact]
        public void Clear_cmdlets_confirm_by_default()
        {
            NoViolations(Cmdlets.Where(c => c.Verb == "Clear" && c.ConfirmImpact != "High")
                .Select(c => $"{c.Name}: irreversible, needs ConfirmImpact = High (is {c.ConfirmImpact})"));
        }

        [Fact]
        public void ConfirmImpact_is_only_set_with_ShouldProcess()
        {
            NoViolations(Cmdlets.Where(c => c.Named("ConfirmImpact") != null && !c.SupportsShouldProcess)
                .Select(c => $"{c.Name}: ConfirmImpact without SupportsShouldProcess has no effect"));
        }

        [Fact]
        public void Secrets_are_never_plain_strings()
        {
            var secretName = new Regex("(Secret|Token|Password|Credential)s?$", RegexOptions.IgnoreCase);
            var safe = new[] { typeof(SecureString), typeof(PSCredential), typeof(SecureString[]), typeof(PSCredential[]) };
            NoViolations(from c in Cmdlets
                         from p in c.Parameters
                         where (secretName.IsMatch(p.Name) || p.Aliases.Any(a => secretName.IsMatch(a))) && !safe.Contains(p.Type)
                         select $"{c.Name} -{p.Name}: a secret must be SecureString or PSCredential, not {p.Type.Name}");
        }

        [Fact]
        public void Every_parameter_set_takes_pipeline_input_except_Connect()
        {
            NoViolations(from c in Cmdlets
                         where c.Verb != "Connect" && c.Parameters.Count > 0
                         from set in ParameterSets(c)
                         where !c.Parameters.Any(p => (p.Sets.Contains(set) || p.Sets.Contains(AllSets))
                                                   && (p.FromPipeline || p.FromPipelineByPropertyName))
                         select $"{c.Name}: parameter set '{set}' has no ValueFromPipeline/ByPropertyName parameter");
        }

        [Fact]
        public void Parameter_names_are_PascalCase_with_aliases_for_wire_names()
        {
            NoViolations(from c in Cmdlets
                         from p in c.Parameters
                         where !Regex.IsMatch(p.Name, "^[A-Z][A-Za-z0-9]*$")
                         select $"{c.Name} -{p.Name}: parameter names are PascalCase; put wire names like instance_id in [Alias]");
        }

        [Fact]
        public void Pipeline_types_do_not_expose_third_party_dependency_types()
        {
            // Dependencies load privately on PowerShell 7 (Infrastructure/ModuleInitializer.cs); a parameter or output
            // type from them would not be the type the user's session sees.
            var ours = ModuleLayout.OwnAssemblies.Select(a => a.GetName().Name).ToHashSet();
            bool ThirdParty(Type t) => !ours.Contains(t.Assembly.GetName().Name)
                && (t.Assembly.GetName().Name is "Polly.Core" or "System.Threading.RateLimiting" or "Microsoft.Bcl.AsyncInterfaces"
                    || (t.Assembly.GetName().Name == "System.Text.Json"));
            NoViolations(from c in Cmdlets
                         from p in c.Parameters
                         let t = p.Type.IsArray ? p.Type.GetElementType()! : p.Type
                         where ThirdParty(t)
                         select $"{c.Name} -{p.Name}: type {t.FullName} comes from {t.Assembly.GetName().Name}");
            NoViolations(from type in ModuleLayout.CmdletTypes
                         from a in type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
                         from arg in a.ConstructorArguments
                         from v in arg.Value is IEnumerable<System.Reflection.CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value }
                         where v is Type t && ThirdParty(t)
                         select $"{type.Name}: [OutputType({((Type)v!).FullName})] comes from a private dependency");
        }

        [Fact]
        public void Discovery_reads_a_known_cmdlet_correctly()
        {
            // Guards the discovery itself: if the attribute lookup broke, every rule above would pass vacuously.
            var probe = new CmdletSurface(typeof(SurfaceProbeCommand));
            Assert.Equal("Get-SurfaceProbe", probe.Name);
            Assert.Contains(typeof(SurfaceProbeCommand).FullName!, probe.OutputTypeNames);
            Assert.True(probe.Parameter("Id").FromPipelineByPropertyName);
            Assert.False(LooksPlural(LastWord("BatchApprovalProgress")));
            Assert.True(LooksPlural(LastWord("ExternalInstances")));
            Assert.Equal(new[] { "ById" }, ParameterSets(probe));
        }

        internal const string AllSets = "__AllParameterSets";

        /// <summary>
        /// The cmdlet's parameter sets: every named set plus DefaultParameterSetName (a set may be declared only there,
        /// e.g. Connect-Feishu's "from environment variables" set), or the one implicit set when none is named.
        /// </summary>
        internal static IReadOnlyList<string> ParameterSets(CmdletSurface c)
        {
            var named = c.Parameters.SelectMany(p => p.Sets).Where(s => s != AllSets)
                .Concat(c.DefaultParameterSetName == null ? Array.Empty<string>() : new[] { c.DefaultParameterSetName })
                .Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
            return named.Count > 0 ? named : new[] { AllSets };
        }

        private static string LastWord(string noun) => Regex.Matches(noun, "[A-Z][a-z0-9]*").Select(m => m.Value).LastOrDefault() ?? noun;

        private static bool LooksPlural(string word) =>
            word.Length > 2 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal);

        /// <summary>A cmdlet compiled into the test assembly only, to prove the surface reader works.</summary>
        [Cmdlet(VerbsCommon.Get, "SurfaceProbe")]
        [OutputType(typeof(SurfaceProbeCommand))]
        public sealed class SurfaceProbeCommand : PSCmdlet
        {
            [Parameter(ParameterSetName = "ById", ValueFromPipelineByPropertyName = true)]
            public string? Id { get; set; }
        }
    }
}
