using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;

namespace ApprovalTools.Sandbox.Server
{
    /// <summary>
    /// Command line of the standalone sandbox. Each value comes from its option, else its environment variable,
    /// else a default (port 0 = a free port; secrets generated for this run and printed once, since the operator
    /// needs them to connect).
    /// </summary>
    internal sealed class ServerOptions
    {
        public const string PortVariable = "APPROVALTOOLS_SANDBOX_PORT";
        public const string AppSecretVariable = "APPROVALTOOLS_SANDBOX_APP_SECRET";
        public const string PluginSecretVariable = "APPROVALTOOLS_SANDBOX_PLUGIN_SECRET";
        public const string BatchTokenVariable = "APPROVALTOOLS_SANDBOX_BATCH_TOKEN";
        public const string DefinitionsVariable = "APPROVALTOOLS_SANDBOX_DEFINITIONS";

        public const string Usage =
            "Usage: dotnet run --project src/ApprovalTools.Sandbox.Server -- [options]\n" +
            "  --port <n>             port on 127.0.0.1 (0 = a free port; env " + PortVariable + ")\n" +
            "  --app-secret <s>       Feishu app secret accepted for any app id (env " + AppSecretVariable + ")\n" +
            "  --plugin-secret <s>    Feishu Project plugin secret accepted for any plugin id (env " + PluginSecretVariable + ")\n" +
            "  --batch-token <s>      bearer token the batch approval API expects (env " + BatchTokenVariable + ")\n" +
            "  --definition <code>    a third-party approval definition to start with, as if created in the developer\n" +
            "                         console; repeat it or separate codes with commas (env " + DefinitionsVariable + ").\n" +
            "                         Instances can only be synced into a code a definition holds.\n" +
            "  --help                 this text\n" +
            "Secrets not given are generated and printed once at start. The server listens on 127.0.0.1 only\n" +
            "and runs until Ctrl+C or SIGTERM.";

        public int Port { get; private set; }
        public string AppSecret { get; private set; } = "";
        public string PluginSecret { get; private set; } = "";
        public string BatchToken { get; private set; } = "";
        public bool Help { get; private set; }

        /// <summary>The approval codes of the definitions the sandbox starts with.</summary>
        public IList<string> Definitions { get; } = new List<string>();

        /// <summary>Which secrets were generated (and so must be shown to the operator).</summary>
        public ISet<string> Generated { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <exception cref="ArgumentException">an unknown option, a missing value or a bad port; the message says which.</exception>
        public static ServerOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
        {
            var given = new Dictionary<string, string>(StringComparer.Ordinal);
            var options = new ServerOptions();
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (arg is "--help" or "-h" or "-?")
                {
                    options.Help = true;
                    continue;
                }
                var eq = arg.IndexOf('=');
                var name = eq > 0 ? arg.Substring(0, eq) : arg;
                if (name is not ("--port" or "--app-secret" or "--plugin-secret" or "--batch-token" or "--definition"))
                    throw new ArgumentException($"Unknown option '{name}'.");
                string value;
                if (eq > 0) value = arg.Substring(eq + 1);
                else if (i + 1 < args.Count) value = args[++i];
                else throw new ArgumentException($"Option '{name}' needs a value.");
                if (value.Length == 0) throw new ArgumentException($"Option '{name}' needs a non-empty value.");
                if (name == "--definition") AddCodes(options.Definitions, value);
                else given[name] = value;
            }

            var port = Pick(given, "--port", environment(PortVariable), null);
            if (port != null)
            {
                if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 65535)
                    throw new ArgumentException($"Port '{port}' is not a number between 0 and 65535.");
                options.Port = p;
            }
            options.AppSecret = Pick(given, "--app-secret", environment(AppSecretVariable), () => options.Generate("app secret"))!;
            options.PluginSecret = Pick(given, "--plugin-secret", environment(PluginSecretVariable), () => options.Generate("plugin secret"))!;
            options.BatchToken = Pick(given, "--batch-token", environment(BatchTokenVariable), () => options.Generate("batch token"))!;
            if (options.Definitions.Count == 0) AddCodes(options.Definitions, environment(DefinitionsVariable) ?? "");
            return options;
        }

        public SandboxSettings ToSettings()
        {
            var settings = new SandboxSettings { Port = Port, AppSecret = AppSecret, PluginSecret = PluginSecret, BatchToken = BatchToken };
            foreach (var code in Definitions) settings.ApprovalDefinitions.Add(code);
            return settings;
        }

        private static void AddCodes(IList<string> codes, string list)
        {
            foreach (var code in list.Split(','))
            {
                var trimmed = code.Trim();
                if (trimmed.Length > 128) throw new ArgumentException($"Approval code '{trimmed}' is longer than 128 characters.");
                if (trimmed.Length > 0 && !codes.Contains(trimmed)) codes.Add(trimmed);
            }
        }

        private string Generate(string what)
        {
            Generated.Add(what);
            var bytes = new byte[18];
            RandomNumberGenerator.Fill(bytes);
            return Convert.ToBase64String(bytes).Replace('+', 'A').Replace('/', 'B');
        }

        private static string? Pick(Dictionary<string, string> given, string option, string? fromEnvironment, Func<string>? fallback)
        {
            if (given.TryGetValue(option, out var value)) return value;
            if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
            return fallback?.Invoke();
        }
    }
}
