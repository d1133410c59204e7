using ApprovalTools.Core.Connections;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Sandbox;
using ApprovalTools.Tests.Support;
using Xunit;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Tests.BatchApproval
{
    public sealed class BatchConnectionTests
    {
        [Theory]
        [InlineData(null, "required")]
        [InlineData("", "required")]
        [InlineData("approval.example.com", "absolute")]
        [InlineData("/batch", "absolute")]
        [InlineData("ftp://approval.example.com", "http")]
        [InlineData("https://approval.example.com/?key=x", "query")]
        [InlineData("https://user:pw@approval.example.com/", "credentials")]
        public void A_malformed_base_uri_is_refused_with_the_rule(string? uri, string rule)
        {
            var ex = Assert.Throws<ConnectionSetupException>(() => BatchConnect.Create(uri));

            Assert.Contains("BaseUri", ex.Message);
            Assert.Contains(rule, ex.Message);
            Assert.DoesNotContain("pw", ex.Message.Replace("https", ""));
        }

        [Theory]
        [InlineData("https://approval.example.com", "https://approval.example.com/")]
        [InlineData("http://127.0.0.1:8080/api", "http://127.0.0.1:8080/api/")]
        [InlineData(" https://approval.example.com/open/ ", "https://approval.example.com/open/")]
        public void The_base_uri_keeps_its_path_prefix(string uri, string expected)
        {
            using var connection = BatchConnect.Create(uri);

            Assert.Equal(expected, connection.BaseUri.ToString());
            Assert.Equal("None", connection.Authentication);
            Assert.False(connection.IsSandbox);
        }

        [Fact]
        public void A_token_and_an_authorization_header_exclude_each_other()
        {
            var ex = Assert.Throws<ConnectionSetupException>(() => BatchConnect.Create("https://a.example.com", new Secret("tok-123456"),
                new[] { new KeyValuePair<string, Secret>("Authorization", new Secret("Basic abcdef")) }));

            Assert.Contains("not both", ex.Message);
        }

        [Fact]
        public void The_environment_gives_the_base_uri_and_the_token_only_when_neither_a_token_nor_headers_are_given()
        {
            var env = new Dictionary<string, string?>
            {
                ["BATCH_APPROVAL_BASE_URI"] = "https://env.example.com",
                ["BATCH_APPROVAL_TOKEN"] = "env-token-123456",
            };

            var fromEnv = new BatchApprovalConnectionOptions().WithEnvironment(n => env.GetValueOrDefault(n));
            Assert.Equal(new Uri("https://env.example.com"), fromEnv.BaseUri);
            Assert.Equal("env-token-123456", fromEnv.Token?.Reveal());

            var given = new BatchApprovalConnectionOptions { BaseUri = new Uri("https://given.example.com"), Token = new Secret("given-token-1") }
                .WithEnvironment(n => env.GetValueOrDefault(n));
            Assert.Equal(new Uri("https://given.example.com"), given.BaseUri);
            Assert.Equal("given-token-1", given.Token?.Reveal());

            var withHeader = new BatchApprovalConnectionOptions { Headers = new[] { new KeyValuePair<string, Secret>("X-Api-Key", new Secret("k")) } }
                .WithEnvironment(n => env.GetValueOrDefault(n));
            Assert.Null(withHeader.Token);
        }

        [Fact]
        public void Bad_header_names_are_refused()
        {
            Assert.Throws<ConnectionSetupException>(() => BatchConnect.Create("https://a.example.com", null,
                new[] { new KeyValuePair<string, Secret>("X Key", new Secret("v")) }));
            Assert.Throws<ConnectionSetupException>(() => BatchConnect.Create("https://a.example.com", null,
                new[] { new KeyValuePair<string, Secret>("X-Key", new Secret("v")), new KeyValuePair<string, Secret>("x-key", new Secret("w")) }));
            Assert.Contains("empty value", Assert.Throws<ConnectionSetupException>(() => BatchConnect.Create("https://a.example.com", null,
                new[] { new KeyValuePair<string, Secret>("X-Key", new Secret("")) })).Message);
        }

        [Fact]
        public void Token_and_header_values_are_sent_but_never_shown()
        {
            const string token = "secret-bearer-token-42";
            const string apiKey = "secret-api-key-value-42";
            using var sandbox = SandboxHost.Start(new SandboxSettings { BatchToken = token });
            using var connection = BatchConnect.Create(sandbox.BaseUri.ToString(), new Secret(token),
                new[] { new KeyValuePair<string, Secret>("X-Api-Key", new Secret(apiKey)) },
                settings: new ResilienceSettings { BaseDelay = TimeSpan.FromMilliseconds(10) });
            var sink = new RecordingSink();

            var operation = new SubmitBatchApprovalOperation(connection, new SubmitBatchApprovalOptions("u1") { Wait = true, WaitOptions = BatchHarness.FastWait }, sink);
            operation.Add("a");
            operation.Complete();

            var request = sandbox.Server.Journal.First();
            Assert.Equal("Bearer " + token, request.Header("Authorization"));
            Assert.Equal(apiKey, request.Header("X-Api-Key"));
            Assert.Single(sink.EmittedOf<ApprovalBatch>());
            var shown = string.Join("\n", sink.VerboseLines) + connection + string.Join("|", typeof(BatchApprovalConnection).GetProperties()
                .Where(p => p.GetIndexParameters().Length == 0).Select(p => Convert.ToString(p.GetValue(connection))));
            Assert.NotEmpty(sink.VerboseLines);
            Assert.DoesNotContain(token, shown);
            Assert.DoesNotContain(apiKey, shown);
            Assert.Contains("X-Api-Key", connection.ToString());
            Assert.Equal("Bearer+Header", connection.Authentication);
        }

        [Fact]
        public void The_shared_sandbox_connection_uses_its_token()
        {
            var shared = SandboxHost.Shared;
            using var connection = BatchConnect.Create(shared.BaseUri.ToString(), new Secret(shared.Settings.BatchToken!), isSandbox: true);
            var sink = new RecordingSink();

            var operation = new TestBatchApprovalOperation(connection, "u1", sink);
            operation.Add("t-ok");
            operation.Add("t-unsupported-1");
            operation.Complete();

            Assert.True(connection.IsSandbox);
            Assert.Contains("(sandbox)", connection.ToString());
            Assert.Equal(new[] { true, false }, sink.EmittedOf<BatchTaskSupport>().Select(r => r.Supported));
        }
    }
}
