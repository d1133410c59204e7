using System.Net.Http;
using System.Text.Json.Nodes;
using ApprovalTools.Sandbox.Server;
using Xunit;

namespace ApprovalTools.Tests.StandaloneSandbox
{
    /// <summary>The standalone sandbox server: its command line and what it tells the operator, over real HTTP.</summary>
    public sealed class StandaloneServerTests
    {
        private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
            name => vars.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

        [Fact]
        public void Options_come_from_arguments_then_environment_then_generated()
        {
            var options = ServerOptions.Parse(new[] { "--port", "8080", "--app-secret=A" },
                Env((ServerOptions.AppSecretVariable, "from-env"), (ServerOptions.PluginSecretVariable, "P")));

            Assert.Equal(8080, options.Port);
            Assert.Equal("A", options.AppSecret);
            Assert.Equal("P", options.PluginSecret);
            Assert.True(options.BatchToken.Length >= 16);
            Assert.Equal(new[] { "batch token" }, options.Generated);

            var defaults = ServerOptions.Parse(Array.Empty<string>(), Env());
            Assert.Equal(0, defaults.Port);
            Assert.Equal(3, defaults.Generated.Count);
            Assert.NotEqual(defaults.AppSecret, ServerOptions.Parse(Array.Empty<string>(), Env()).AppSecret);
        }

        [Fact]
        public void Definitions_come_from_repeated_options_or_the_environment_and_the_sandbox_starts_with_them()
        {
            var given = ServerOptions.Parse(new[] { "--definition", "ERP-PO", "--definition=HR-LEAVE, ERP-PO" }, Env((ServerOptions.DefinitionsVariable, "IGNORED")));
            var fromEnvironment = ServerOptions.Parse(Array.Empty<string>(), Env((ServerOptions.DefinitionsVariable, "A,B")));

            Assert.Equal(new[] { "ERP-PO", "HR-LEAVE" }, given.Definitions);
            Assert.Equal(new[] { "A", "B" }, fromEnvironment.Definitions);
            Assert.Empty(ServerOptions.Parse(Array.Empty<string>(), Env()).Definitions);
            using var sandbox = ApprovalTools.Sandbox.Sandbox.Start(given.ToSettings());
            Assert.True(sandbox.Approval.HasDefinition("HR-LEAVE"));
            Assert.False(sandbox.Approval.HasDefinition("IGNORED"));
        }

        [Theory]
        [InlineData("--bogus", "Unknown option '--bogus'")]
        [InlineData("--port", "needs a value")]
        [InlineData("--port=70000", "between 0 and 65535")]
        [InlineData("--port=-1", "between 0 and 65535")]
        [InlineData("--app-secret=", "non-empty")]
        public void Bad_command_lines_say_what_is_wrong(string arg, string message)
        {
            var ex = Assert.Throws<ArgumentException>(() => ServerOptions.Parse(new[] { arg }, Env()));
            Assert.Contains(message, ex.Message);
        }

        [Fact]
        public async Task Serves_on_loopback_prints_base_uri_and_generated_secrets_only_and_stops_on_cancel()
        {
            var options = ServerOptions.Parse(new[] { "--app-secret", "given-app-secret" }, Env());
            var output = new StringWriter();
            using var stop = new CancellationTokenSource();
            var ready = new TaskCompletionSource<Uri>();

            var run = SandboxHost.RunAsync(options, output, stop.Token, sandbox => ready.SetResult(sandbox.BaseUri));
            var baseUri = await ready.Task.WaitAsync(TimeSpan.FromSeconds(10));

            using (var http = new HttpClient())
            {
                var response = await http.GetAsync(new Uri(baseUri, "no/such/endpoint"));
                Assert.Equal(404, (int)response.StatusCode);
                Assert.Equal(404, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!);
            }
            stop.Cancel();
            await run.WaitAsync(TimeSpan.FromSeconds(10));

            var lines = output.ToString().Split('\n');
            Assert.Equal("Listening on " + baseUri, lines[0].TrimEnd());
            Assert.Equal("127.0.0.1", baseUri.Host);
            Assert.DoesNotContain("given-app-secret", output.ToString());
            Assert.Contains(options.PluginSecret, output.ToString());
            Assert.Contains(options.BatchToken, output.ToString());
            Assert.Contains(baseUri + "open-apis/approval/v4/external_instances", output.ToString());
            Assert.Contains("none yet (--definition <code> starts with one)", output.ToString());
            Assert.Contains("1 requests served", output.ToString());

            using var after = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => after.GetAsync(baseUri));
        }
    }
}
