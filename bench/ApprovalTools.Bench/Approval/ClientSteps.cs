using System.Text;
using System.Text.Json;
using ApprovalTools.Core.Approval.Input;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Bench.Approval
{
    /// <summary>
    /// Where the client's bytes per instance go, for the steps reachable from outside Core, each measured on one
    /// thread (GC.GetAllocatedBytesForCurrentThread) over many instances: building the bench's input dictionary,
    /// ExternalInstanceInput.Prepare (normalize + validate + map to the model), and the verbose line ApiTransport
    /// writes for every request whether or not -Verbose is on (UTF-8 body to string + Redactor.Redact).
    /// </summary>
    internal static class ClientSteps
    {
        public static string Measure(int n)
        {
            var redactor = new Redactor();
            redactor.Add("t-bench-token-0123456789");
            var input = 0.0;
            var prepare = 0.0;
            var verbose = 0.0;
            var bodyBytes = 0.0;
            var violations = new List<FieldViolation>();
            for (var pass = 0; pass < 2; pass++) // first pass warms up
            {
                long inputBytes = 0, prepareBytes = 0, verboseBytes = 0, wire = 0;
                for (var i = 1; i <= n; i++)
                {
                    var a = GC.GetAllocatedBytesForCurrentThread();
                    var item = InstanceSource.Instance("steps-" + i, 1_700_000_000_000 + i);
                    var b = GC.GetAllocatedBytesForCurrentThread();
                    violations.Clear();
                    var prepared = ExternalInstanceInput.Prepare(item, UpdateMode.Update, violations) ?? throw new InvalidOperationException(string.Join("; ", violations));
                    var c = GC.GetAllocatedBytesForCurrentThread();
                    // Stand-in for the request body: the same instance as JSON (the client's own context is internal).
                    var body = JsonSerializer.SerializeToUtf8Bytes(item);
                    var d = GC.GetAllocatedBytesForCurrentThread();
                    var line = redactor.Redact(new StringBuilder().Append("FeishuApproval: POST http://127.0.0.1:1/open-apis/approval/v4/external_instances body: ")
                        .Append(Encoding.UTF8.GetString(body)).ToString());
                    var e = GC.GetAllocatedBytesForCurrentThread();
                    GC.KeepAlive(prepared);
                    GC.KeepAlive(line);
                    inputBytes += b - a;
                    prepareBytes += c - b;
                    verboseBytes += e - d;
                    wire += body.Length;
                }
                input = inputBytes / (double)n;
                prepare = prepareBytes / (double)n;
                verbose = verboseBytes / (double)n;
                bodyBytes = wire / (double)n;
            }
            return $"input dictionary {input / 1024:F1} KB, Prepare {prepare / 1024:F1} KB, verbose line + redaction {verbose / 1024:F1} KB (body ~{bodyBytes / 1024:F1} KB of JSON)";
        }
    }
}
