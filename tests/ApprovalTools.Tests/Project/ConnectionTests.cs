using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    public sealed class ConnectionTests : IDisposable
    {
        private readonly ProjectHarness _h = new();

        public void Dispose() => _h.Dispose();

        [Fact]
        public async Task Connecting_fetches_the_plugin_token_at_once_with_plugin_id_secret_and_type_0()
        {
            await _h.Connection.ConnectAsync(CancellationToken.None);

            var request = Assert.Single(_h.TokenRequests);
            var body = ProjectHarness.Body(request);
            Assert.Equal("MII_TEST", (string?)body["plugin_id"]);
            Assert.Equal(ProjectHarness.Secret, (string?)body["plugin_secret"]);
            Assert.Equal(0, (int)body["type"]!);
            Assert.NotNull(_h.Connection.ConnectedAt);
            Assert.Equal(1, _h.Project.TokensIssued);

            _h.Item("1");
            _h.Run(ProjectHarness.Confirm("1", "start"));
            Assert.Single(_h.TokenRequests);
        }

        [Fact]
        public async Task A_wrong_secret_is_an_authentication_error_that_never_shows_the_secret()
        {
            const string wrong = "wrong-secret-value-42";
            using var connection = new FeishuProjectConnection("MII_TEST", new Secret(wrong), ProjectHarness.UserKey, _h.Sandbox.BaseUri, _h.Settings);

            var ex = await Assert.ThrowsAsync<ApiException>(() => connection.ConnectAsync(CancellationToken.None));

            Assert.Equal("PluginCredentialsRejected", ex.ErrorId);
            Assert.Equal(ErrorKind.Authentication, ex.Kind);
            Assert.Equal(10204, ex.Code);
            Assert.Contains("MII_TEST", ex.Message);
            Assert.Contains("check the plugin ID and plugin secret", ex.Message);
            Assert.DoesNotContain(wrong, ex.ToString());
            Assert.Single(_h.TokenRequests);
            Assert.Null(connection.ConnectedAt);
        }

        [Fact]
        public void Items_after_a_credentials_failure_each_get_the_authentication_error()
        {
            using var connection = new FeishuProjectConnection("MII_TEST", new Secret("wrong-secret-value-42"), ProjectHarness.UserKey, _h.Sandbox.BaseUri, _h.Settings);
            _h.Item("1");
            var sink = new RecordingSink();
            var operation = new Core.Project.Operations.NodeOperation(connection, sink);

            operation.Process(ProjectHarness.Confirm("1", "start"));
            operation.Complete();

            Assert.Equal("PluginCredentialsRejected", Assert.Single(sink.Errors).ErrorId);
            Assert.Empty(_h.Operates);
        }

        [Fact]
        public void The_connection_prints_no_secret_and_requires_a_user_key()
        {
            Assert.DoesNotContain(ProjectHarness.Secret, _h.Connection.ToString());
            Assert.Equal(new Uri("https://project.feishu.cn/"), FeishuProjectConnection.DefaultBaseUri);
            Assert.Throws<ArgumentException>(() => new FeishuProjectConnection("MII_TEST", new Secret("s3cret!"), " "));
            Assert.Throws<ArgumentException>(() => new FeishuProjectConnection("MII_TEST", new Secret(""), "u"));
        }

        [Fact]
        public void The_default_connection_limits_each_endpoint_to_15_requests_per_second()
        {
            using var connection = new FeishuProjectConnection("MII_TEST", new Secret("s3cret!"), "u");
            Assert.Equal(new RateLimit(15), connection.Settings.LimitFor(FeishuProjectClient.OperateEndpoint));
            Assert.False(connection.IsSandbox);
        }
    }
}
