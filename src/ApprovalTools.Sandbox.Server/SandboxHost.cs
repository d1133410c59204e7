using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ApprovalTools.Sandbox.Server
{
    /// <summary>Starts the sandbox, tells the operator where it is and how to reach it, and runs until cancelled.</summary>
    internal static class SandboxHost
    {
        /// <summary>The documented endpoints of the three simulated APIs, relative to the base URI.</summary>
        internal static readonly (string Service, string Endpoint)[] Endpoints =
        {
            ("Feishu approval", "POST open-apis/auth/v3/tenant_access_token/internal"),
            ("Feishu approval", "POST open-apis/approval/v4/external_instances"),
            ("Feishu approval", "POST open-apis/approval/v4/external_instances/check"),
            ("Feishu approval", "GET  open-apis/approval/v4/tasks/query"),
            ("Feishu approval", "GET  open-apis/approval/v4/external_tasks"),
            ("Feishu approval", "POST open-apis/approval/v4/external_approvals"),
            ("Feishu approval", "GET  open-apis/approval/v4/external_approvals/:approval_code"),
            ("Batch approval", "POST batch_approvals/_check"),
            ("Batch approval", "POST batch_approvals/_submit"),
            ("Batch approval", "GET  batch_approvals/_submit?user_id=...&batch_number=..."),
            ("Feishu Project", "POST open_api/authen/plugin_token"),
            ("Feishu Project", "POST open_api/:project_key/workflow/:work_item_type_key/:work_item_id/node/:node_id/operate"),
            ("Feishu Project", "PUT  open_api/:project_key/workflow/:work_item_type_key/:work_item_id/node/:node_id"),
            ("Feishu Project", "POST open_api/:project_key/work_item/:work_item_type_key/:work_item_id/workflow/query"),
        };

        /// <summary>
        /// Runs the sandbox until <paramref name="stop"/> is cancelled. The first line written is always
        /// "Listening on &lt;base uri&gt;" so scripts can read the address.
        /// </summary>
        public static async Task RunAsync(ServerOptions options, TextWriter output, CancellationToken stop, Action<Sandbox>? started = null)
        {
            using var sandbox = Sandbox.Start(options.ToSettings());
            output.WriteLine("Listening on " + sandbox.BaseUri);
            output.WriteLine("  (127.0.0.1 only; the simulated state lives in memory and is lost when the server stops)");
            output.WriteLine();
            output.WriteLine("Credentials:");
            Describe(output, "app secret", options.AppSecret, options, "any app id (Connect-Feishu -AppId <any> -AppSecret <this> -BaseUri <base>)");
            Describe(output, "plugin secret", options.PluginSecret, options, "any plugin id (Connect-FeishuProject)");
            Describe(output, "batch token", options.BatchToken, options, "bearer token (Connect-BatchApproval -Token)");
            output.WriteLine();
            output.WriteLine("Third-party approval definitions (instances sync only into these and those external_approvals creates):");
            output.WriteLine(options.Definitions.Count == 0 ? "  none yet (--definition <code> starts with one)" : "  " + string.Join(", ", options.Definitions));
            output.WriteLine();
            output.WriteLine("Endpoints:");
            foreach (var (service, endpoint) in Endpoints)
            {
                var space = endpoint.IndexOf(' ');
                output.WriteLine($"  {service,-16} {endpoint.Substring(0, space),-4} {sandbox.BaseUri}{endpoint.Substring(space).TrimStart()}");
            }
            output.WriteLine();
            output.WriteLine("Press Ctrl+C to stop.");
            output.Flush();
            started?.Invoke(sandbox);

            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            output.WriteLine("Stopping; " + sandbox.Server.Journal.Count + " requests served.");
        }

        private static void Describe(TextWriter output, string what, string value, ServerOptions options, string usage)
        {
            // Generated secrets are printed once because nobody else knows them; given ones are not echoed.
            var shown = options.Generated.Contains(what) ? value + "   (generated for this run)" : "(as given)";
            output.WriteLine($"  {what,-14} {shown}");
            output.WriteLine($"  {"",-14} {usage}");
        }
    }
}
