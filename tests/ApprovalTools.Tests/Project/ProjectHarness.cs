using ApprovalTools.Core.Connections;
using System.Text.Json.Nodes;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Project;
using ApprovalTools.Core.Project.Operations;
using ApprovalTools.Sandbox;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Sandbox.Project;
using ApprovalTools.Tests.Support;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;
using SecretValue = ApprovalTools.Core.Http.Secret;

namespace ApprovalTools.Tests.Project
{
    /// <summary>A fresh sandbox per test class instance, a connection with fast backoff, and helpers to read what the server saw.</summary>
    public sealed class ProjectHarness : IDisposable
    {
        public const string Secret = "test-plugin-secret-0123456789";
        public const string UserKey = "7136000000000000676";

        public ProjectHarness()
        {
            Sandbox = SandboxHost.Start(new SandboxSettings { PluginSecret = Secret });
            Settings = new ResilienceSettings
            {
                BaseDelay = TimeSpan.FromMilliseconds(10),
                MaxRetryAttempts = 3,
                AttemptTimeout = TimeSpan.FromSeconds(10),
            };
            Connection = Connect(Secret);
        }

        /// <summary>Options for the sandbox with the harness's fast settings.</summary>
        public FeishuProjectConnectionOptions Options(string secret = Secret) =>
            new() { PluginId = "MII_TEST", PluginSecret = new SecretValue(secret), UserKey = UserKey, BaseUri = Sandbox.BaseUri, Resilience = Settings };

        /// <summary>A connection without contacting the server (the token is fetched by the first request).</summary>
        public FeishuProjectConnection Connect(string secret) => Connector.Create(Options(secret));

        /// <summary>Replaces the connection with one built from changed settings.</summary>
        public void Reconnect(Func<ResilienceSettings, ResilienceSettings> change)
        {
            Settings = change(Settings);
            Connection.Dispose();
            Connection = Connect(Secret);
        }

        public SandboxHost Sandbox { get; }
        public ProjectService Project => Sandbox.Project;
        public ResilienceSettings Settings { get; private set; }
        public FeishuProjectConnection Connection { get; private set; }

        /// <summary>p/story/{id}: start (arrived) → design → develop → done.</summary>
        public SandboxWorkItem Item(string id = "1", string project = "p")
        {
            var item = Project.AddWorkItem(project, "story", id, "start", "design", "develop", "done");
            item.FieldDefinitions.Add(new SandboxField("field_priority", "priority", "Priority", "P0", "P1"));
            item.FieldDefinitions.Add(new SandboxField("field_text", "sentry_link", "Sentry link"));
            item.RoleDefinitions.AddRange(new[] { "PM", "QA" });
            return item;
        }

        public static NodeOperationRequest Confirm(string id, string node, string project = "p") =>
            new() { ProjectKey = project, WorkItemTypeKey = "story", WorkItemId = id, NodeId = node, Action = NodeAction.Confirm };

        public static NodeOperationRequest Rollback(string id, string node, string? reason) =>
            new() { ProjectKey = "p", WorkItemTypeKey = "story", WorkItemId = id, NodeId = node, Action = NodeAction.Rollback, RollbackReason = reason };

        /// <summary>Runs the operation over the items, as the cmdlet does.</summary>
        public RecordingSink Run(params object[] items) => Run(4, items);

        public RecordingSink Run(int throttle, params object[] items)
        {
            var sink = new RecordingSink();
            var operation = new NodeOperation(Connection, sink, throttle);
            foreach (var item in items)
            {
                if (item is NodeOperationRequest r) operation.Process(r);
                else operation.Process(item);
            }
            operation.Complete();
            return sink;
        }

        public IReadOnlyList<SandboxRequest> Operates => Sandbox.Server.Journal.Where(r => r.Path.EndsWith("/operate", StringComparison.Ordinal)).ToList();

        public IReadOnlyList<SandboxRequest> TokenRequests => Sandbox.Server.Journal.Where(r => r.Path == "/open_api/authen/plugin_token").ToList();

        public static JsonObject Body(SandboxRequest request) => (JsonObject)request.Json()!;

        public void Dispose()
        {
            Connection.Dispose();
            Sandbox.Dispose();
        }
    }
}
