using System;
using System.IO;
using ApprovalTools.HelpBuilder;

// dotnet run --project tools/HelpBuilder            regenerates src/ApprovalTools/en-US/ApprovalTools.dll-Help.xml
// dotnet run --project tools/HelpBuilder -- check   exits 1 when the committed file is not what the sources give
var check = args.Length > 0 && args[0].TrimStart('-').Equals("check", StringComparison.OrdinalIgnoreCase);
var root = HelpGenerator.FindRepositoryRoot(Directory.GetCurrentDirectory());
var target = Path.Combine(root, HelpGenerator.MamlRelativePath);
string maml;
try
{
    maml = HelpGenerator.Generate(typeof(ApprovalTools.Infrastructure.ApprovalCmdlet).Assembly, Path.Combine(root, HelpGenerator.HelpRelativeDirectory));
}
catch (Exception ex) when (ex is FormatException || ex is InvalidOperationException)
{
    Console.Error.WriteLine("HelpBuilder: " + ex.Message);
    return 2;
}
var current = File.Exists(target) ? File.ReadAllText(target).Replace("\r\n", "\n") : null;
if (current == maml)
{
    Console.WriteLine($"{HelpGenerator.MamlRelativePath} is up to date.");
    return 0;
}
if (check)
{
    Console.Error.WriteLine($"{HelpGenerator.MamlRelativePath} is out of date: run 'dotnet run --project tools/HelpBuilder'.");
    return 1;
}
Directory.CreateDirectory(Path.GetDirectoryName(target)!);
File.WriteAllText(target, maml);
Console.WriteLine($"Wrote {HelpGenerator.MamlRelativePath}.");
return 0;
