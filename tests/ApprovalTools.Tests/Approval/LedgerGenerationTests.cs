using ApprovalTools.Core.Approval.Operations;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>One generation of the run ledger: an open-addressed table of entity keys that fills to its capacity.</summary>
    public class LedgerGenerationTests
    {
        [Theory]
        [InlineData(1UL)]
        [InlineData(1UL << 40)]
        [InlineData(0x9E3779B97F4A7C15UL)]
        public void Keeps_every_key_while_it_grows_to_its_capacity_then_refuses_new_keys(ulong stride)
        {
            var generation = new LedgerGeneration(10_000);
            for (var i = 1UL; i <= 10_000; i++) Assert.True(generation.TrySet(i * stride, (long)i));

            Assert.Equal(10_000, generation.Count);
            for (var i = 1UL; i <= 10_000; i++)
            {
                Assert.True(generation.TryGet(i * stride, out var ms));
                Assert.Equal((long)i, ms);
            }
            Assert.False(generation.TrySet(10_001 * stride, 1));
            Assert.False(generation.TryGet(10_001 * stride, out _));
            Assert.True(generation.TrySet(5 * stride, 50));
            Assert.True(generation.TryGet(5 * stride, out var updated));
            Assert.Equal(50, updated);
            Assert.Equal(10_000, generation.Count);
        }

        [Fact]
        public void Clear_forgets_every_key_and_the_generation_fills_again()
        {
            var generation = new LedgerGeneration(100);
            for (var i = 0UL; i < 100; i++) generation.TrySet(i, 1);

            generation.Clear();

            Assert.Equal(0, generation.Count);
            for (var i = 0UL; i < 100; i++) Assert.False(generation.TryGet(i, out _));
            for (var i = 100UL; i < 200; i++) Assert.True(generation.TrySet(i, 2));
        }
    }
}
