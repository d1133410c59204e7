using System;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Operations
{
    /// <summary>One failed input item: becomes one non-terminating ErrorRecord whose target is the input.</summary>
    public sealed class OperationError
    {
        public OperationError(string errorId, ErrorKind kind, string message, object? target, Exception? exception = null, string? recommendedAction = null)
        {
            ErrorId = errorId;
            Kind = kind;
            Message = message;
            Target = target;
            Exception = exception;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }
        public ErrorKind Kind { get; }
        public string Message { get; }
        public object? Target { get; }
        public Exception? Exception { get; }
        public string? RecommendedAction { get; }

        public static OperationError FromApi(ApiException exception, object? target, string? prefix = null) =>
            new OperationError(exception.ErrorId, exception.Kind, prefix == null ? exception.Message : prefix + ": " + exception.Message,
                target, exception, exception.Hint);

        public static OperationError Invalid(string errorId, string message, object? target) =>
            new OperationError(errorId, ErrorKind.InvalidArgument, message, target, new ArgumentException(message));

        public override string ToString() => ErrorId + ": " + Message;
    }
}
