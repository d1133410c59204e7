using System.IO;
using ApprovalTools.Sandbox;

namespace ApprovalTools.Bench
{
    /// <summary>What every benchmark gets: the full sandbox (all three simulated APIs), the options, the output.</summary>
    internal sealed class BenchContext
    {
        public BenchContext(Sandbox.Sandbox sandbox, BenchOptions options, TextWriter output)
        {
            Sandbox = sandbox;
            Options = options;
            Output = output;
        }

        public Sandbox.Sandbox Sandbox { get; }

        public BenchOptions Options { get; }

        public TextWriter Output { get; }
    }

    internal interface IBenchmark
    {
        /// <summary>Short name used by --only.</summary>
        string Name { get; }

        Task RunAsync(BenchContext context, CancellationToken cancellationToken);
    }
}
