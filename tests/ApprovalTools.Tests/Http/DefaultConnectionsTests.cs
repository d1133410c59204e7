using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    /// <summary>The current connection per service: a new one closes the one it replaces, Close drops it.</summary>
    public sealed class DefaultConnectionsTests
    {
        private static FeishuProjectConnection Make() =>
            Connector.Create(new FeishuProjectConnectionOptions { PluginId = "MII_DEFAULT", PluginSecret = new Secret("s3cret!"), UserKey = "u", BaseUri = new Uri("http://127.0.0.1:1/") });

        [Fact]
        public void A_new_default_closes_the_one_it_replaces_and_Close_removes_it()
        {
            var first = Make();
            var second = Make();

            DefaultConnections.Set(first);
            DefaultConnections.Set(first);
            Assert.True(first.IsOpen);
            DefaultConnections.Set(second);

            Assert.False(first.IsOpen);
            Assert.Same(second, DefaultConnections.Get<FeishuProjectConnection>());
            DefaultConnections.Close(second);
            Assert.False(second.IsOpen);
            Assert.Null(DefaultConnections.Get<FeishuProjectConnection>());
        }
    }
}
