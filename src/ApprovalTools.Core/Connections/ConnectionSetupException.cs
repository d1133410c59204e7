using System;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Connections
{
    /// <summary>
    /// A connection cannot be made from the options given (a credential is missing, a base URI or header is unusable).
    /// Nothing was sent. The message names the setting and the rule; <see cref="ErrorId"/> is one of <see cref="ConnectionErrors"/>.
    /// </summary>
    public sealed class ConnectionSetupException : ArgumentException
    {
        public ConnectionSetupException(string errorId, string message, string? setting = null)
            : base(message)
        {
            ErrorId = errorId;
            Setting = setting;
        }

        public string ErrorId { get; }

        public ErrorKind Kind { get; } = ErrorKind.InvalidArgument;

        /// <summary>The option, parameter or environment variable at fault ("AppSecret", "FEISHU_REGION"), when there is one.</summary>
        public string? Setting { get; }
    }

    /// <summary>The ErrorIds every service uses for connecting and for commands run without a connection.</summary>
    public static class ConnectionErrors
    {
        /// <summary>A command needs a connection and there is none (no -Connection, no Connect-* before). InvalidOperation.</summary>
        public const string NotConnected = "NotConnected";

        /// <summary>The -Connection given (or the default) was closed by Disconnect-* or replaced by a later Connect-*. InvalidOperation.</summary>
        public const string ConnectionClosed = "ConnectionClosed";

        /// <summary>An app id/secret, plugin id/secret or user key is neither given nor in the environment. InvalidArgument.</summary>
        public const string CredentialsMissing = "CredentialsMissing";

        /// <summary>A base URI, region or header is unusable. InvalidArgument.</summary>
        public const string InvalidConnectionParameter = "InvalidConnectionParameter";

        /// <summary>The service refused the credentials (app or plugin secret, bearer token, headers). Authentication; ends the command.</summary>
        public const string CredentialsRejected = "CredentialsRejected";
    }
}
