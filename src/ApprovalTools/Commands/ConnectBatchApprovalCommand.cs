using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Connections;
using ApprovalTools.Core.Http;
using ApprovalTools.Infrastructure;

namespace ApprovalTools.Commands
{
    /// <summary>
    /// Connect-BatchApproval: the API's host and authentication are not documented, so the user gives the base
    /// URI (or $env:BATCH_APPROVAL_BASE_URI) and a bearer token (-Token; without -Token and -Header, $env:BATCH_APPROVAL_TOKEN)
    /// and/or custom headers whose values are secrets. Nothing is sent here: the first request shows whether the credentials work.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "BatchApproval", DefaultParameterSetName = "BaseUri")]
    [OutputType(typeof(BatchApprovalConnection))]
    public sealed class ConnectBatchApprovalCommand : ConnectCmdlet
    {
        /// <summary>Default: $env:BATCH_APPROVAL_BASE_URI.</summary>
        [Parameter(Position = 0, ParameterSetName = "BaseUri")]
        [ValidateNotNullOrEmpty]
        public string? BaseUri { get; set; }

        /// <summary>Sent as "Authorization: Bearer &lt;token&gt;".</summary>
        [Parameter(ParameterSetName = "BaseUri")]
        public SecureString? Token { get; set; }

        /// <summary>Extra headers for every request, e.g. @{ 'X-Api-Key' = $key }; values may be strings or SecureStrings.</summary>
        [Parameter(ParameterSetName = "BaseUri")]
        public Hashtable? Header { get; set; }

        /// <summary>The simulator embedded in the module (127.0.0.1), to rehearse without a server.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Sandbox")]
        public SwitchParameter Sandbox { get; set; }

        protected override void ProcessRecord()
        {
            if (Sandbox.IsPresent)
            {
                var sandbox = global::ApprovalTools.Sandbox.Sandbox.Shared;
                var token = sandbox.Settings.BatchToken;
                ConnectWithDeadline(new BatchApprovalConnectionOptions { BaseUri = sandbox.BaseUri, Token = token == null ? null : new Secret(token), IsSandbox = true });
                return;
            }
            var options = new BatchApprovalConnectionOptions
            {
                BaseUri = Read(() => string.IsNullOrEmpty(BaseUri) ? null : ServiceBaseUri.Normalize(BaseUri)),
                Token = Token == null ? null : SecureStrings.ToSecret(Token),
                Headers = ReadHeaders(),
            };
            ConnectWithDeadline(Read(() => options.WithEnvironment()));
        }

        private List<KeyValuePair<string, Secret>> ReadHeaders()
        {
            var headers = new List<KeyValuePair<string, Secret>>();
            if (Header == null) return headers;
            foreach (DictionaryEntry entry in Header)
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                var secret = value is SecureString secure ? SecureStrings.ToSecret(secure) : new Secret(value?.ToString() ?? string.Empty);
                headers.Add(new KeyValuePair<string, Secret>(entry.Key?.ToString() ?? string.Empty, secret));
            }
            return headers;
        }
    }
}
