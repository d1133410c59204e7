using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Module
{
    /// <summary>The small psd1 reader the staging tests rely on: if it misread, they would check the wrong thing.</summary>
    public sealed class ManifestReaderTests
    {
        private const string Sample = """
            # CmdletsToExport = @('Commented-Out')
            <# RootModule = 'block.dll' #>
            @{
                RootModule = 'ApprovalTools.dll'
                Description = 'It''s "quoted"'
                CmdletsToExport = @(
                    'Get-One'
                    'Set-Two', "Sync-Three"
                )
                FunctionsToExport = @()
                PrivateData = @{ PSData = @{ Tags = @('A', 'B') } }
            }
            """;

        [Fact]
        public void Reads_strings_lists_and_nested_keys_and_ignores_comments()
        {
            var reader = new ManifestReader(Sample);

            Assert.Equal("ApprovalTools.dll", reader.String("RootModule"));
            Assert.Equal("It's \"quoted\"", reader.String("Description"));
            Assert.Equal(new[] { "Get-One", "Set-Two", "Sync-Three" }, reader.List("CmdletsToExport"));
            Assert.Empty(reader.List("FunctionsToExport")!);
            Assert.Null(reader.List("AliasesToExport"));
            Assert.False(reader.Has("NestedModules"));
        }

        [Fact]
        public void Refuses_what_it_cannot_read_instead_of_guessing()
        {
            var reader = new ManifestReader("@{\n CmdletsToExport = @('A', $dynamic)\n ModuleVersion = 1.0\n}");

            Assert.Throws<FormatException>(() => reader.List("CmdletsToExport"));
            Assert.Throws<FormatException>(() => reader.String("ModuleVersion"));
        }
    }
}
