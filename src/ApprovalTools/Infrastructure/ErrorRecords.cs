using System;
using System.Management.Automation;
using ApprovalTools.Core.Http;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Infrastructure
{
    internal static class ErrorRecords
    {
        public static ErrorRecord From(OperationError error)
        {
            var exception = error.Exception ?? new InvalidOperationException(error.Message);
            var record = new ErrorRecord(exception, error.ErrorId, ErrorCategories.From(error.Kind), error.Target);
            record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = error.RecommendedAction ?? string.Empty };
            return record;
        }

        public static ErrorRecord From(ApiException exception, object? target) => From(OperationError.FromApi(exception, target));
    }
}
