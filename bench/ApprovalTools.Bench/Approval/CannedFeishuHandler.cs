using System.Net;
using System.Net.Http;
using System.Text;
using ApprovalTools.Sandbox.Approval;

namespace ApprovalTools.Bench.Approval
{
    /// <summary>
    /// No server: answers the token endpoint with a token, and a create with the sandbox's success shape (the request
    /// echoed as data.data, plus process_record). Used to measure what the client alone costs per instance: the
    /// full Core path (validation, serialization, limiter, Polly, authentication, verbose redaction, decoding) without
    /// sockets and without the in-process sandbox's allocations.
    /// </summary>
    internal sealed class CannedFeishuHandler : HttpMessageHandler
    {
        private static readonly byte[] Token = Encoding.UTF8.GetBytes("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-canned-bench-token\",\"expire\":7200}");
        private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("{\"code\":0,\"msg\":\"success\",\"data\":{\"data\":");
        private static readonly byte[] Suffix = Encoding.UTF8.GetBytes(",\"process_record\":{\"instance\":{\"insert_num\":1,\"update_num\":0,\"delete_num\":0},\"task\":{\"insert_num\":2,\"update_num\":0,\"delete_num\":0},\"cc\":{\"insert_num\":1,\"update_num\":0,\"delete_num\":0}}}}");

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            byte[] body;
            if (path == ApprovalService.TokenPath)
            {
                body = Token;
            }
            else if (path == ApprovalService.CreatePath)
            {
                var sent = await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                body = new byte[Prefix.Length + sent.Length + Suffix.Length];
                Prefix.CopyTo(body, 0);
                sent.CopyTo(body, Prefix.Length);
                Suffix.CopyTo(body, Prefix.Length + sent.Length);
            }
            else
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"code\":404,\"msg\":\"not canned\"}")) };
            }
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            response.Headers.TryAddWithoutValidation("x-tt-logid", "canned");
            return response;
        }
    }
}
