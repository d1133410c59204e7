using System.Net;
using System.Security;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Infrastructure
{
    /// <summary>The one place a SecureString is opened: straight into a <see cref="Secret"/>, which never prints itself.</summary>
    internal static class SecureStrings
    {
        public static Secret ToSecret(SecureString secure) => new Secret(new NetworkCredential(string.Empty, secure).Password);
    }
}
