using System.Globalization;

namespace ApprovalTools.Bench
{
    internal sealed class BenchOptions
    {
        public const string Usage =
            "Usage: dotnet run -c Release --project bench/ApprovalTools.Bench -- [options]\n" +
            "  --requests <n>          requests per measurement (default 4000)\n" +
            "  --concurrency <a,b,..>  requests in flight per measurement (default 1,8,32)\n" +
            "  --only <name>           run one benchmark (transport)\n";

        public int Requests { get; private set; } = 4000;

        public IReadOnlyList<int> Concurrency { get; private set; } = new[] { 1, 8, 32 };

        public string? Only { get; private set; }

        public static BenchOptions Parse(string[] args)
        {
            var options = new BenchOptions();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
                switch (args[i])
                {
                    case "--requests": options.Requests = PositiveInt(Next()); break;
                    case "--concurrency": options.Concurrency = Next().Split(',').Select(PositiveInt).ToList(); break;
                    case "--only": options.Only = Next(); break;
                    default: throw new ArgumentException("Unknown option " + args[i]);
                }
            }
            return options;
        }

        private static int PositiveInt(string text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"'{text}' is not a positive number");
    }
}
