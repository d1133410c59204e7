using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using ApprovalTools.Core.Approval.Protocol;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Raw;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Invoke-ApprovalToolsRequest: any method and path of the three services, sent through the connection's pipeline,
    /// for the endpoints the module has no cmdlet for; writes the answer's data as PSObjects.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ApprovalToolsRequest", SupportsShouldProcess = true, DefaultParameterSetName = ServiceSet)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeApprovalToolsRequestCommand : ApprovalCmdlet
    {
        private const string ServiceSet = "Service";
        private const string ConnectionSet = "Connection";

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Path { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Hashtable? Query { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? Body { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ServiceSet)]
        [ValidateSet("Feishu", "BatchApproval", "FeishuProject", IgnoreCase = true)]
        public string Service { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = ConnectionSet)]
        public ServiceConnection? Connection { get; set; }

        protected override void ProcessRecord() => Run(() =>
        {
            var request = new RawRequest(Method, Path) { Body = PSObjectAdapter.ToPlain(Body) };
            foreach (DictionaryEntry entry in Query ?? new Hashtable())
            {
                request.Query.Add(new KeyValuePair<string, object?>(entry.Key?.ToString() ?? string.Empty, PSObjectAdapter.ToPlain(entry.Value)));
            }
            new RawRequestOperation(ChosenConnection(), Sink).Process(request);
        });

        /// <summary>-Connection (checked to be open), else the current connection of -Service.</summary>
        private ServiceConnection ChosenConnection() => Connection switch
        {
            FeishuConnection feishu => RequireConnection(feishu),
            BatchApprovalConnection batch => RequireConnection(batch),
            FeishuProjectConnection project => RequireConnection(project),
            _ => Service.ToUpperInvariant() switch
            {
                "FEISHU" => RequireConnection<FeishuConnection>(null),
                "BATCHAPPROVAL" => RequireConnection<BatchApprovalConnection>(null),
                _ => RequireConnection<FeishuProjectConnection>(null),
            },
        };
    }
}
