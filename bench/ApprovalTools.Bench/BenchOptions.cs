using System.Globalization;

namespace ApprovalTools.Bench
{
    internal sealed class BenchOptions
    {
        public const string Usage =
            "Usage: dotnet run -c Release --project bench/ApprovalTools.Bench -- [name] [options]\n" +
            "  name                    run one benchmark: transport, sync, sync-rate, check, submit, node, faults, pwsh (default: all)\n" +
            "  --quick                 small sizes for a smoke run (about a minute for everything)\n" +
            "  --requests <n>          requests per measurement (default 4000)\n" +
            "  --concurrency <a,b,..>  requests in flight per measurement (default 1,8,32)\n" +
            "  --only <name>           same as giving the name\n" +
            "  --parts <a,b,..>        pwsh only: rate-sync, rate-node, throughput, memory, firstcall (default: all)\n" +
            "  --module <path>         pwsh only: the module folder to import (default: out/ApprovalTools)\n" +
            "  --pwsh <tool|readytorun> pwsh only: the PowerShell the rates, throughput and memory parts run in: the dotnet tool\n" +
            "                          (IL only, the default) or its ReadyToRun copy, as the official packages ship (first call: both)\n";

        public int Requests { get; private set; } = 4000;

        public IReadOnlyList<int> Concurrency { get; private set; } = new[] { 1, 8, 32 };

        public string? Only { get; private set; }

        /// <summary>Parts of the pwsh benchmark to run; null = all.</summary>
        public IReadOnlyCollection<string>? Parts { get; private set; }

        /// <summary>Module folder the pwsh benchmark imports; null = out/ApprovalTools.</summary>
        public string? Module { get; private set; }

        /// <summary>pwsh only: "tool" (default) or "readytorun", the PowerShell build the parts other than the first call run in.</summary>
        public string Pwsh { get; private set; } = "tool";

        /// <summary>Small sizes: checks that every benchmark runs, not a measurement.</summary>
        public bool Quick { get; private set; }

        public static BenchOptions Parse(string[] args)
        {
            var options = new BenchOptions();
            var requestsGiven = false;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
                switch (args[i])
                {
                    case "--requests": options.Requests = PositiveInt(Next()); requestsGiven = true; break;
                    case "--concurrency": options.Concurrency = Next().Split(',').Select(PositiveInt).ToList(); break;
                    case "--only": options.Only = Next(); break;
                    case "--parts": options.Parts = Next().Split(','); break;
                    case "--module": options.Module = System.IO.Path.GetFullPath(Next()); break;
                    case "--pwsh": options.Pwsh = Next() is "tool" or "readytorun" ? args[i] : throw new ArgumentException("--pwsh takes tool or readytorun"); break;
                    case "--quick": options.Quick = true; break;
                    default:
                        if (args[i].StartsWith("-", StringComparison.Ordinal) || options.Only != null) throw new ArgumentException("Unknown option " + args[i]);
                        options.Only = args[i];
                        break;
                }
            }
            if (options.Quick && !requestsGiven) options.Requests = 500;
            return options;
        }

        private static int PositiveInt(string text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"'{text}' is not a positive number");
    }
}
