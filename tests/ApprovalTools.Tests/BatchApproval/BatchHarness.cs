using ApprovalTools.Core.Connections;
using System.Text.Json;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.BatchApproval.Operations;
using ApprovalTools.Sandbox;
using ApprovalTools.Sandbox.BatchApproval;
using ApprovalTools.Sandbox.Hosting;
using ApprovalTools.Tests.Support;
using SandboxHost = ApprovalTools.Sandbox.Sandbox;

namespace ApprovalTools.Tests.BatchApproval
{
    /// <summary>A sandbox with a bearer token, a fast connection to it, and readers for what the server received.</summary>
    public sealed class BatchHarness : IDisposable
    {
        public const string Token = "batch-test-token-0123456789";
        public const string User = "ou_batch_user";

        public BatchHarness(double tasksPerSecond = 20000)
        {
            Sandbox = SandboxHost.Start(new SandboxSettings { BatchToken = Token });
            Service.TasksPerSecond = tasksPerSecond;
            Connection = Connect();
        }

        public SandboxHost Sandbox { get; }

        public BatchApprovalService Service => Sandbox.Batch;

        public SandboxServer Server => Sandbox.Server;

        public BatchApprovalConnection Connection { get; }

        public ResilienceSettings Settings { get; } = new()
        {
            BaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryAttempts = 3, AttemptTimeout = TimeSpan.FromSeconds(10), MaxServerDelay = TimeSpan.FromMilliseconds(50),
        };

        public BatchApprovalConnection Connect(string token = Token) =>
            Connector.Create(new BatchApprovalConnectionOptions { BaseUri = Sandbox.BaseUri, Token = new Secret(token), Resilience = Settings });

        public static BatchWaitOptions FastWait => new() { PollInterval = TimeSpan.FromMilliseconds(20), MaxPollInterval = TimeSpan.FromMilliseconds(100) };

        /// <summary>Progress then depends on the number of progress reads, not on wall time: each read advances the clock by <paramref name="step"/>.</summary>
        public void ClockAdvancesPerProgressRead(TimeSpan step)
        {
            var start = DateTimeOffset.UtcNow;
            Service.Clock = () => start + TimeSpan.FromTicks(step.Ticks * Calls("GET", "/batch_approvals/_submit").Count);
        }

        public List<SandboxRequest> Calls(string method, string path) =>
            Server.Journal.Where(r => r.Method == method && r.Path == path).ToList();

        public List<string[]> CheckBodies => Calls("POST", "/batch_approvals/_check").Select(Ids).ToList();

        public List<string[]> SubmitBodies => Calls("POST", "/batch_approvals/_submit").Select(Ids).ToList();

        public static string[] Ids(SandboxRequest request) => JsonSerializer.Deserialize<string[]>(request.Body)!;

        public RecordingSink Submit(IEnumerable<object?> inputs, Action<SubmitBatchApprovalOptions>? configure = null, RecordingSink? sink = null,
            BatchApprovalConnection? connection = null)
        {
            sink ??= new RecordingSink();
            var options = new SubmitBatchApprovalOptions(User) { WaitOptions = FastWait };
            configure?.Invoke(options);
            var operation = new SubmitBatchApprovalOperation(connection ?? Connection, options, sink);
            foreach (var input in inputs) operation.Add(input);
            operation.Complete();
            return sink;
        }

        public static List<string> TaskIds(int count, string prefix = "t") => Enumerable.Range(0, count).Select(i => prefix + i.ToString("D4")).ToList();

        public void Dispose()
        {
            Connection.Dispose();
            Sandbox.Dispose();
        }
    }
}
