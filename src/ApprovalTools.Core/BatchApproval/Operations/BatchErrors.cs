using System;
using System.Collections.Generic;
using ApprovalTools.Core.Operations;
using ApprovalTools.Core.BatchApproval;
using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.BatchApproval.Operations
{
    /// <summary>The error records of the batch approval operations; each names the task or batch it is about.</summary>
    public static class BatchErrors
    {
        public const string HandleByHand = "Open the task in the approval application and approve or reject it by hand.";

        public static OperationError Unsupported(string taskId, string userId, string? reason)
        {
            var message = $"Task {taskId} does not support batch approval for user {userId}: {(string.IsNullOrWhiteSpace(reason) ? "the server gave no reason" : reason)}. It was not submitted.";
            return new OperationError("BatchTaskUnsupported", ErrorKind.InvalidOperation, message, taskId, new InvalidOperationException(message), HandleByHand);
        }

        public static OperationError CheckFailed(ApiException exception, string taskId) =>
            OperationError.FromApi(exception, taskId, $"Task {taskId} was not submitted because its support check failed");

        public static OperationError SubmitFailed(ApiException exception, string taskId, int chunk, int chunkSize)
        {
            if (exception.Kind != ErrorKind.OutcomeUnknown)
            {
                return OperationError.FromApi(exception, taskId, $"Task {taskId} was not submitted (chunk {chunk}, {chunkSize} tasks, rejected as a whole)");
            }
            var message = $"Task {taskId} was in submit chunk {chunk} ({chunkSize} tasks) whose outcome is unknown: {exception.Message} "
                + "It was not sent again, so it is not submitted twice. Whether the server approved it cannot be asked: progress is read by "
                + "batch number, which was lost with the answer, and the API has no lookup by task id.";
            return new OperationError("BatchSubmitOutcomeUnknown", ErrorKind.OutcomeUnknown, message, taskId, exception,
                "Check in the approval application whether the task was approved before submitting it again.");
        }

        public static OperationError TaskFailed(ApprovalBatch batch, BatchFailedTask task)
        {
            var reason = string.IsNullOrWhiteSpace(task.Reason) ? "the task was closed or deleted" : task.Reason;
            var message = $"Task {task.TaskId} in batch {batch.BatchNumber} (user {batch.UserId}) was not approved: {reason}. Handle it by hand.";
            return new OperationError("BatchTaskFailed", ErrorKind.InvalidOperation, message, task.TaskId, new InvalidOperationException(message), HandleByHand);
        }

        public static OperationError ProgressFailed(ApiException exception, ApprovalBatch batch) =>
            new OperationError(exception.ErrorId, exception.Kind,
                $"Progress of batch {batch.BatchNumber} (user {batch.UserId}) could not be read: {exception.Message}", batch.Input ?? batch, exception,
                exception.Kind == ErrorKind.ObjectNotFound || exception.Kind == ErrorKind.PermissionDenied
                    ? "Check the batch number and that the user id is the one that submitted the batch."
                    : $"Follow it later: Get-BatchApprovalProgress -UserId '{batch.UserId}' -BatchNumber '{batch.BatchNumber}' -Wait");

        /// <summary>Preview of a chunk for prompts and warnings: the first ids and a count.</summary>
        public static string Describe(IReadOnlyList<string> taskIds, int shown = 3)
        {
            var head = new List<string>();
            for (var i = 0; i < taskIds.Count && i < shown; i++) head.Add(taskIds[i]);
            return taskIds.Count + (taskIds.Count == 1 ? " task (" : " tasks (") + string.Join(", ", head) + (taskIds.Count > shown ? ", …)" : ")");
        }
    }
}
