using ApprovalTools.Tests.Support;
using ApprovalTools.Core.Http;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    public class TokenCacheTests
    {
        private readonly ManualTime _time = new();
        private int _fetches;

        private TokenCache Cache(TimeSpan lifetime) =>
            new(_ => Task.FromResult(new IssuedToken("t-" + Interlocked.Increment(ref _fetches), lifetime)), _time.Now);

        [Fact]
        public async Task Fetches_lazily_once_and_reuses_until_three_minutes_before_expiry()
        {
            var cache = Cache(TimeSpan.FromHours(2));
            Assert.Equal(0, _fetches);

            Assert.Equal("t-1", await cache.GetAsync(default));
            _time.Advance(TimeSpan.FromMinutes(116));
            Assert.Equal("t-1", await cache.GetAsync(default));
            _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
            Assert.Equal("t-2", await cache.GetAsync(default));
        }

        [Fact]
        public async Task Concurrent_callers_share_one_fetch()
        {
            var cache = Cache(TimeSpan.FromHours(2));
            var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.GetAsync(default)));
            Assert.All(tokens, t => Assert.Equal("t-1", t));
            Assert.Equal(1, _fetches);
        }

        [Fact]
        public async Task Invalidate_drops_only_the_token_that_was_rejected()
        {
            var cache = Cache(TimeSpan.FromHours(2));
            await cache.GetAsync(default);
            cache.Invalidate("t-other");
            Assert.Equal("t-1", await cache.GetAsync(default));
            cache.Invalidate("t-1");
            Assert.Equal("t-2", await cache.GetAsync(default));
        }
    }
}
