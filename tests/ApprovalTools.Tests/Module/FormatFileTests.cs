using System.Reflection;
using System.Xml.Linq;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Module
{
    /// <summary>
    /// Drift test for ApprovalTools.format.ps1xml: every output type of every cmdlet has a table view, and every view
    /// names a type and properties that exist. A renamed property or a new result type fails here, not in a user's shell.
    /// </summary>
    public sealed class FormatFileTests
    {
        private static readonly XDocument Format = XDocument.Load(ModuleLayout.FormatFileSource);

        private static IEnumerable<XElement> Views => Format.Root!.Element("ViewDefinitions")!.Elements("View");

        private static Type? FindType(string fullName) =>
            ModuleLayout.OwnAssemblies.Select(a => a.GetType(fullName, throwOnError: false)).FirstOrDefault(t => t != null);

        [Fact]
        public void Format_file_has_the_expected_shape()
        {
            Assert.Equal("Configuration", Format.Root!.Name.LocalName);
            Assert.NotEmpty(Views);
            foreach (var view in Views)
            {
                var name = view.Element("Name")?.Value;
                Assert.False(string.IsNullOrWhiteSpace(name), "a View without <Name>");
                Assert.Single(view.Element("ViewSelectedBy")!.Elements("TypeName"));
                Assert.True(view.Element("TableControl") != null || view.Element("ListControl") != null, $"{name}: no TableControl/ListControl");
            }
            var duplicates = Views.GroupBy(v => v.Element("Name")!.Value).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, "Duplicate view names: " + string.Join(", ", duplicates));
        }

        [Fact]
        public void Every_view_names_an_existing_type_and_its_existing_properties()
        {
            var problems = new List<string>();
            foreach (var view in Views)
            {
                var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim();
                var type = FindType(typeName);
                if (type == null)
                {
                    problems.Add($"{typeName}: no such type in ApprovalTools, ApprovalTools.Core or ApprovalTools.Sandbox");
                    continue;
                }
                var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var property in view.Descendants("PropertyName").Select(p => p.Value.Trim()))
                {
                    if (!properties.Contains(property)) problems.Add($"{typeName}: no public property '{property}'");
                }

                var table = view.Element("TableControl");
                if (table == null) continue;
                var headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").ToList();
                foreach (var row in table.Element("TableRowEntries")!.Elements("TableRowEntry"))
                {
                    var items = row.Element("TableColumnItems")!.Elements("TableColumnItem").ToList();
                    if (items.Count != headers.Count) problems.Add($"{typeName}: {headers.Count} headers but {items.Count} column items");
                    for (var i = 0; i < Math.Min(items.Count, headers.Count); i++)
                    {
                        if (items[i].Element("ScriptBlock") != null && headers[i].Element("Label") == null)
                            problems.Add($"{typeName}: column {i + 1} is a ScriptBlock without a <Label>");
                    }
                }
            }
            Assert.True(problems.Count == 0, "Format file drift:\n  " + string.Join("\n  ", problems));
        }

        [Fact]
        public void Every_output_type_of_our_own_has_a_table_view()
        {
            var withTable = Views.Where(v => v.Element("TableControl") != null)
                .Select(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim()).ToHashSet(StringComparer.Ordinal);
            var ownNames = ModuleLayout.OwnAssemblies.Select(a => a.GetName().Name).ToHashSet();

            var missing = (from c in ModuleLayout.Cmdlets
                           from typeName in c.OutputTypeNames
                           let type = FindType(typeName)
                           where type != null && ownNames.Contains(type.Assembly.GetName().Name) && !withTable.Contains(typeName)
                           select $"{typeName} (output of {c.Name})").Distinct().ToList();
            Assert.True(missing.Count == 0, "No <View> with a TableControl in ApprovalTools.format.ps1xml for:\n  " + string.Join("\n  ", missing));
        }
    }
}
