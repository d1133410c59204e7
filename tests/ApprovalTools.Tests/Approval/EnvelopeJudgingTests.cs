using System.Collections.Generic;
using System.Text;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.Http;
using Xunit;

namespace ApprovalTools.Tests.Approval
{
    /// <summary>
    /// How a Feishu answer is judged: only one well-formed JSON object with code 0 on a 2xx is a success. The common
    /// success is read without building a document, so every way a body can differ from it is listed here.
    /// </summary>
    public sealed class EnvelopeJudgingTests
    {
        private static readonly FeishuProtocol Protocol = new FeishuProtocol("cli_judge", new Secret("judge-secret"));

        private static ApiFailure? Judge(int status, string body) =>
            Protocol.Classify(new ApiResponse(status, Encoding.UTF8.GetBytes(body), new Dictionary<string, string>()));

        [Theory]
        [InlineData("{\"code\":0,\"msg\":\"success\",\"data\":{\"code\":5,\"list\":[1,{\"code\":7},\"x\"]}}")]
        [InlineData(" {\"data\":null,\"msg\":\"\",\"code\":0} ")]
        [InlineData("{\"c\\u006fde\":0}")]
        public void A2xxWithCodeZeroIsASuccess(string body)
        {
            Assert.Null(Judge(200, body));
            Assert.Null(Judge(204, body));
        }

        [Theory]
        [InlineData("{\"code\":0,\"msg\":\"ok\"} trailing")]
        [InlineData("{\"code\":0,\"msg\":\"ok\"}{\"code\":0}")]
        [InlineData("{\"code\":0,\"data\":{\"instance\":")]
        [InlineData("{\"code\":0,\"data\":[1,2}")]
        [InlineData("[{\"code\":0}]")]
        [InlineData("{\"data\":{\"code\":0}}")]
        [InlineData("{\"code\":\"0\"}")]
        [InlineData("")]
        public void ABodyThatIsNotOneEnvelopeWithCodeZeroIsAFailure(string body)
        {
            var failure = Judge(200, body);
            Assert.NotNull(failure);
            Assert.Equal(-1, failure!.Code);
            Assert.Contains("without a Feishu envelope", failure.Message);
        }

        [Fact]
        public void ARepeatedCodeIsJudgedByTheLastOneAsADocumentReadsIt()
        {
            var failure = Judge(200, "{\"code\":0,\"msg\":\"no permission\",\"code\":99991672}");
            Assert.NotNull(failure);
            Assert.Equal(99991672, failure!.Code);
            Assert.Null(Judge(200, "{\"code\":99991672,\"msg\":\"no permission\",\"code\":0}"));
        }

        [Theory]
        [InlineData(500)]
        [InlineData(429)]
        [InlineData(302)]
        public void CodeZeroOnAnotherStatusIsNotASuccess(int status)
        {
            Assert.NotNull(Judge(status, "{\"code\":0,\"msg\":\"success\"}"));
        }

        [Fact]
        public void ANonZeroCodeOnA2xxIsAFailureWithThatCode()
        {
            var failure = Judge(200, "{\"code\":1390001,\"msg\":\"param is invalid\"}");
            Assert.NotNull(failure);
            Assert.Equal(1390001, failure!.Code);
        }
    }
}
