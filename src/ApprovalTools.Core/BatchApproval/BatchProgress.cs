using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using ApprovalTools.Core.BatchApproval.Json;

namespace ApprovalTools.Core.BatchApproval
{
    /// <summary>The progress answer: GET /batch_approvals/_submit?user_id=&amp;batch_number= (batch approval docs, 8.3).</summary>
    public sealed class BatchProgress
    {
        [JsonPropertyName("batch_number")]
        public string? BatchNumber { get; set; }

        [JsonPropertyName("total")]
        public int Total { get; set; } = -1;

        /// <summary>Includes the failed tasks (seed: "包括失败数量").</summary>
        [JsonPropertyName("processed")]
        public int Processed { get; set; } = -1;

        /// <summary>The batch approval docs (8.3) show task-id strings; objects with task_id (and reason) are read too.</summary>
        [JsonPropertyName("failed_tasks")]
        [JsonConverter(typeof(FailedTaskListConverter))]
        public List<BatchFailedTask> FailedTasks { get; set; } = new List<BatchFailedTask>();
    }

    public sealed class BatchFailedTask
    {
        public BatchFailedTask(string taskId, string? reason = null)
        {
            TaskId = taskId;
            Reason = reason;
        }

        public string TaskId { get; }

        /// <summary>The server's reason when it gives one; the docs say closed or deleted.</summary>
        public string? Reason { get; }
    }
}
