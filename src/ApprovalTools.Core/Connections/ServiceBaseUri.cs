using System;

namespace ApprovalTools.Core.Connections
{
    /// <summary>The one rule for a service's base URI, shared by the three connections.</summary>
    public static class ServiceBaseUri
    {
        /// <summary>
        /// An absolute http(s) URI without query, fragment or user info, returned ending in '/' so that a path prefix
        /// (https://host/api/) is kept when request paths are resolved against it.
        /// </summary>
        /// <exception cref="ConnectionSetupException">The text is not such a URI; the message names <paramref name="setting"/> and the rule.</exception>
        public static Uri Normalize(string? text, string setting = "BaseUri")
        {
            var value = text?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                throw new ConnectionSetupException(ConnectionErrors.InvalidConnectionParameter, $"{setting} is empty.", setting);
            }
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            {
                throw new ConnectionSetupException(ConnectionErrors.InvalidConnectionParameter,
                    $"{setting} '{value}' is not an absolute http:// or https:// URI (e.g. https://approval.example.com).", setting);
            }
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new ConnectionSetupException(ConnectionErrors.InvalidConnectionParameter,
                    $"{setting} must not contain a query or fragment; give only scheme, host and an optional path prefix.", setting);
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new ConnectionSetupException(ConnectionErrors.InvalidConnectionParameter,
                    $"{setting} must not contain credentials (user:password@); give them as the connection's secret.", setting);
            }
            var path = uri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? uri.AbsolutePath : uri.AbsolutePath + "/";
            return new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
        }

        public static Uri Normalize(Uri uri, string setting = "BaseUri") => Normalize(uri.OriginalString, setting);
    }
}
