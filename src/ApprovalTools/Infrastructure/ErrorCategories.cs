using System;
using System.Management.Automation;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Infrastructure
{
    /// <summary>Core's ErrorKind onto PowerShell's ErrorCategory: each kind has its own category.</summary>
    internal static class ErrorCategories
    {
        public static ErrorCategory From(ErrorKind kind)
        {
            switch (kind)
            {
                case ErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case ErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case ErrorKind.ObjectNotFound: return ErrorCategory.ObjectNotFound;
                case ErrorKind.Authentication: return ErrorCategory.AuthenticationError;
                case ErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case ErrorKind.RateLimited: return ErrorCategory.LimitsExceeded;
                case ErrorKind.ConnectionError: return ErrorCategory.ConnectionError;
                case ErrorKind.Timeout: return ErrorCategory.OperationTimeout;
                case ErrorKind.ResourceBusy: return ErrorCategory.ResourceBusy;
                case ErrorKind.InvalidOperation: return ErrorCategory.InvalidOperation;
                case ErrorKind.OutcomeUnknown: return ErrorCategory.InvalidResult;
                case ErrorKind.ServerError: return ErrorCategory.ProtocolError;
                default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "An ErrorKind without a category.");
            }
        }
    }
}
