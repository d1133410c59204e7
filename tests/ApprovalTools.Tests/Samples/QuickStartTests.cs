using Xunit;

namespace ApprovalTools.Tests.Samples
{
    /// <summary>The README's first command must keep working: the quick start checks each of its own steps and returns 0.</summary>
    public class QuickStartTests
    {
        [Fact]
        public void The_quick_start_walks_every_step_as_documented()
        {
            var entry = typeof(ApprovalTools.QuickStart.ConsoleSink).Assembly.EntryPoint!;
            var output = new StringWriter();
            var original = Console.Out;
            Console.SetOut(output);
            object? code;
            try
            {
                code = entry.Invoke(null, new object[] { Array.Empty<string>() });
            }
            finally
            {
                Console.SetOut(original);
            }

            Assert.True(0.Equals(code), output.ToString());
            Assert.Contains("every step behaved as documented", output.ToString());
        }
    }
}
