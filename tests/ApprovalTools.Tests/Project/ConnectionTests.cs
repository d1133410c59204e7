using ApprovalTools.Core.Connections;
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
            var time = new ManualTime();
            using var connection = await Connector.ConnectAsync(_h.Options() with { Clock = time.Now }, CancellationToken.None);

            var request = Assert.Single(_h.TokenRequests);
            var body = ProjectHarness.Body(request);
            Assert.Equal("MII_TEST", (string?)body["plugin_id"]);
            Assert.Equal(ProjectHarness.Secret, (string?)body["plugin_secret"]);
            Assert.Equal(0, (int)body["type"]!);
            Assert.Equal(time.Now(), connection.ConnectedAt);
            Assert.Equal(1, _h.Project.TokensIssued);

            _h.Item("1");
            var sink = new RecordingSink();
            var operation = new Core.Project.Operations.NodeOperation(connection, sink);
            operation.Process(ProjectHarness.Confirm("1", "start"));
            operation.Complete();
            Assert.Single(sink.Emitted);
            Assert.Single(_h.TokenRequests);
        }

        [Fact]
        public async Task A_wrong_secret_is_an_authentication_error_that_never_shows_the_secret()
        {
            const string wrong = "wrong-secret-value-42";

            var ex = await Assert.ThrowsAsync<ApiException>(() => Connector.ConnectAsync(_h.Options(wrong), CancellationToken.None));

            Assert.Equal(ConnectionErrors.CredentialsRejected, ex.ErrorId);
            Assert.Equal(ErrorKind.Authentication, ex.Kind);
            Assert.Equal(10204, ex.Code);
            Assert.Contains("MII_TEST", ex.Message);
            Assert.Contains("check the plugin ID and plugin secret", ex.Message);
            Assert.DoesNotContain(wrong, ex.ToString());
            Assert.Single(_h.TokenRequests);
        }

        [Fact]
        public void A_credentials_failure_ends_the_run_instead_of_failing_each_item()
        {
            using var connection = _h.Connect("wrong-secret-value-42");
            _h.Item("1");
            _h.Item("2");
            var sink = new RecordingSink();
            var operation = new Core.Project.Operations.NodeOperation(connection, sink, throttleLimit: 1);

            var ex = Assert.Throws<ApiException>(() =>
            {
                operation.Process(ProjectHarness.Confirm("1", "start"));
                operation.Process(ProjectHarness.Confirm("2", "start"));
                operation.Complete();
            });

            Assert.Equal(ConnectionErrors.CredentialsRejected, ex.ErrorId);
            Assert.Empty(sink.Errors);
            Assert.Empty(_h.Operates);
        }

        [Fact]
        public async Task An_unreachable_host_is_ServiceUnreachable()
        {
            var closed = new Uri("http://127.0.0.1:1/");
            var ex = await Assert.ThrowsAsync<ApiException>(() => Connector.ConnectAsync(
                _h.Options() with { BaseUri = closed, Resilience = _h.Settings with { MaxRetryAttempts = 0 } }, CancellationToken.None));
            Assert.Equal("ServiceUnreachable", ex.ErrorId);
            Assert.Equal(ErrorKind.ConnectionError, ex.Kind);
        }

        [Fact]
        public void The_connection_prints_no_secret_and_requires_plugin_credentials_and_a_user_key()
        {
            Assert.DoesNotContain(ProjectHarness.Secret, _h.Connection.ToString());
            Assert.Equal(new Uri("https://project.feishu.cn/"), FeishuProjectConnection.DefaultBaseUri);
            var noUser = Assert.Throws<ConnectionSetupException>(() => Connector.Create(_h.Options() with { UserKey = " " }));
            Assert.Equal((ConnectionErrors.CredentialsMissing, "UserKey"), (noUser.ErrorId, noUser.Setting));
            var noSecret = Assert.Throws<ConnectionSetupException>(() => Connector.Create(_h.Options() with { PluginSecret = new Secret("") }));
            Assert.Equal((ConnectionErrors.CredentialsMissing, "PluginSecret"), (noSecret.ErrorId, noSecret.Setting));
        }

        [Fact]
        public void Each_endpoint_is_limited_to_15_requests_per_second_also_with_custom_settings()
        {
            using var plain = Connector.Create(new FeishuProjectConnectionOptions { PluginId = "MII_TEST", PluginSecret = new Secret("s3cret!"), UserKey = "u" });
            Assert.Equal(new RateLimit(15), plain.Transport.LimitFor(FeishuProjectClient.OperateEndpoint));
            Assert.False(plain.IsSandbox);
            Assert.Equal(FeishuProjectConnection.DefaultBaseUri, plain.BaseUri);

            using var custom = Connector.Create(_h.Options() with { Resilience = new ResilienceSettings { MaxRetryAttempts = 1 } });
            Assert.Equal(new RateLimit(15), custom.Transport.LimitFor(FeishuProjectClient.OperateEndpoint));
        }

        [Fact]
        public void Missing_values_come_from_the_FEISHU_PROJECT_environment_variables()
        {
            var environment = new Dictionary<string, string>
            {
                ["FEISHU_PROJECT_PLUGIN_ID"] = "MII_ENV",
                ["FEISHU_PROJECT_PLUGIN_SECRET"] = "env-plugin-secret",
                ["FEISHU_PROJECT_USER_KEY"] = "7136000000000000999",
                ["FEISHU_PROJECT_BASE_URI"] = "https://project.example.com/proxy",
            };
            var options = new FeishuProjectConnectionOptions { UserKey = "given-user" }.WithEnvironment(n => environment.GetValueOrDefault(n));

            Assert.Equal("MII_ENV", options.PluginId);
            Assert.Equal("env-plugin-secret", options.PluginSecret!.Reveal());
            Assert.Equal("given-user", options.UserKey);
            using var connection = Connector.Create(options);
            Assert.Equal(new Uri("https://project.example.com/proxy/"), connection.BaseUri);
            Assert.Equal("Feishu Project plugin MII_ENV as user given-user at project.example.com", connection.Tenant);
        }
    }
}
