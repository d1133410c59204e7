using System.Net;
using System.Net.Http;
using ApprovalTools.Core.Http;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    /// <summary>
    /// A transport response keeps its headers in the disposed HttpResponseMessage and reads them by name; the dictionary
    /// of all (the debug line) is built only when asked for. Both must see response and content headers alike.
    /// </summary>
    public sealed class ApiResponseHeaderTests
    {
        private static ApiResponse Disposed()
        {
            var message = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new ByteArrayContent(new byte[] { (byte)'{', (byte)'}' }) };
            message.Headers.TryAddWithoutValidation("x-tt-logid", "log-1");
            message.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", "3");
            message.Headers.TryAddWithoutValidation("Via", "a, b");
            message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            var response = new ApiResponse(429, new byte[] { (byte)'{', (byte)'}' }, message);
            message.Dispose();
            return response;
        }

        [Fact]
        public void Headers_are_read_by_name_in_any_case_after_the_message_is_disposed()
        {
            var response = Disposed();

            Assert.Equal("log-1", response.LogId);
            Assert.Equal("3", response.Header("X-OGW-RATELIMIT-RESET"));
            Assert.Equal("application/json; charset=utf-8", response.Header("content-type"));
            Assert.Null(response.Header("retry-after"));
            Assert.Equal(TimeSpan.FromSeconds(3), RetryAfter.From(response, DateTimeOffset.UnixEpoch));
        }

        [Fact]
        public void The_dictionary_of_all_holds_response_and_content_headers()
        {
            var headers = Disposed().Headers;

            Assert.Equal("log-1", headers["X-TT-LOGID"]);
            Assert.Equal("application/json; charset=utf-8", headers["Content-Type"]);
            Assert.Equal(4, headers.Count);
        }
    }
}
