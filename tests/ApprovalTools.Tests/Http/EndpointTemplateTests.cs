using ApprovalTools.Core.Http;
using Xunit;

namespace ApprovalTools.Tests.Http
{
    /// <summary>A template is both the path a module call sends and the pattern a raw request's path is matched against.</summary>
    public class EndpointTemplateTests
    {
        private static readonly EndpointTemplate Node = new("PUT", "open_api/:project_key/workflow/:type/:id/node/:node_id", "PUT workflow/node");

        [Fact]
        public void A_request_fills_the_id_segments_in_order_trimmed_and_escaped()
        {
            var request = Node.Request("p q", " story ", "1001", "审批");

            Assert.Equal("open_api/p%20q/workflow/story/1001/node/%E5%AE%A1%E6%89%B9", request.PathAndQuery);
            Assert.Equal("PUT", request.Method.Method);
            Assert.Equal("PUT workflow/node", request.Endpoint);
            Assert.True(Node.Matches("PUT", new[] { "open_api", "p q", "workflow", "story", "1001", "node", "审批" }));
        }

        [Fact]
        public void An_id_that_cannot_be_a_segment_is_refused_naming_the_segment()
        {
            var ex = Assert.Throws<ArgumentException>(() => Node.Request("p", "story", "10/01", "start"));

            Assert.StartsWith("id '10/01' cannot be used in the request path", ex.Message, StringComparison.Ordinal);
            Assert.Contains("node_id is required", Assert.Throws<ArgumentException>(() => Node.Request("p", "story", "1", " ")).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_call_with_too_few_or_too_many_ids_is_a_bug_not_bad_input()
        {
            Assert.Throws<InvalidOperationException>(() => Node.Request("p", "story", "1"));
            Assert.Throws<InvalidOperationException>(() => Node.Request("p", "story", "1", "start", "extra"));
        }
    }
}
