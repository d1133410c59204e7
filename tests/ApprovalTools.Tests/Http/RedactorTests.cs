using ApprovalTools.Core.Http;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    public class RedactorTests
    {
        [Fact]
        public void Masks_registered_values_and_secret_json_properties()
        {
            var redactor = new Redactor();
            redactor.Add("t-abcdef123456");

            var text = redactor.Redact("Bearer t-abcdef123456 {\"app_secret\": \"s3cr3t-value\", \"plugin_secret\":\"p\", \"app_id\":\"cli_1\"}");

            Assert.DoesNotContain("t-abcdef123456", text);
            Assert.DoesNotContain("s3cr3t-value", text);
            Assert.Contains("\"plugin_secret\":\"***\"", text);
            Assert.Contains("cli_1", text);
        }

        [Fact]
        public void Secret_never_prints_itself()
        {
            var secret = new Secret("hunter2-long-secret");
            Assert.Equal("***", secret.ToString());
            Assert.Equal("***", $"{secret}");
            Assert.Equal("hunter2-long-secret", secret.Reveal());
        }
    }
}
