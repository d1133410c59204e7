using System.Collections.Generic;
using System.Text.Json.Nodes;
using ApprovalTools.Sandbox.Hosting;

namespace ApprovalTools.Sandbox.Project
{
    /// <summary>
    /// One error answer of Feishu Project in wire terms (err_code, err_msg, err.msg, HTTP status). The texts are those of
    /// the node operate docs' error table with its {{placeholders}} filled in; the sandbox keeps its own copy so client mapping bugs are not mirrored.
    /// </summary>
    public sealed class ProjectError
    {
        public ProjectError(long code, string errMsg, string innerMsg, int httpStatus)
        {
            Code = code;
            ErrMsg = errMsg;
            InnerMsg = innerMsg;
            HttpStatus = httpStatus;
        }

        public long Code { get; }
        public string ErrMsg { get; }
        public string InnerMsg { get; }
        public int HttpStatus { get; }

        public SandboxResponse ToResponse(string logId) => SandboxResponse.Json(HttpStatus, new JsonObject
        {
            ["err_code"] = Code,
            ["err_msg"] = ErrMsg,
            ["err"] = new JsonObject { ["code"] = Code, ["msg"] = InnerMsg, ["log_id"] = logId },
            ["data"] = null,
        });

        public override string ToString() => $"{Code} {ErrMsg} / {InnerMsg}";

        // The node operate docs' table, row by row (HTTP statuses from the Feishu Project error code page (https://project.feishu.cn/b/helpcenter/1p8d7djs/5aueo3jr): 200xx → 400, 300xx → 404, 50006 → 500).
        public static ProjectError NodeIsCompleted => new ProjectError(20017, "Node Is Completed", "Node Is Completed", 400);
        public static ProjectError NodeNotArrived => new ProjectError(20016, "Node Is Not Arrived", "Node Is Not Arrived", 400);
        public static ProjectError NodeNotExist => new ProjectError(20018, "Node ID Not Exist In Workflow", "Node ID Not Exist In Workflow", 400);
        public static ProjectError OwnerRequired => new ProjectError(20038, "Person in charge is required", "Owner Required", 400);
        public static ProjectError FieldRequired(string node, string field) => new ProjectError(20038, "Param missing", $"{node}({field}) Required", 400);
        public static ProjectError ScheduleRequired(string node) => new ProjectError(20038, "Estimates and schedules are required", $"{node} 估分and schedule required", 400);
        public static ProjectError WorkItemAbort => new ProjectError(20007, "Workitem is abort", "Unable to operate on terminated work items", 400);
        public static ProjectError RoleRequired(string roleName, string roleId) => new ProjectError(20038, "This role info is mandatory", $"role {roleName}({roleId}) Required", 400);
        public static ProjectError ParamInvalid(string field, string fieldId) => new ProjectError(50006, "Param invalid", $"{field}({fieldId}) Should Be Passed", 500);
        public static ProjectError MissingParam => new ProjectError(20005, "Missing Param ", "Missing Param，action || rollBackReason is nil", 400);
        public static ProjectError TaskFinished => new ProjectError(50006, "task has been finished", "Task has been finished", 500);
        public static ProjectError ActualWorkTimeRequired(string nodeId) => new ProjectError(20038, "The node actual working time is mandatory", $"Node {nodeId} 实际工时 is required.", 400);
        public static ProjectError WorkItemNotFound => new ProjectError(30005, "WorkItem Not Found", "WorkItem Not Found", 404);
        public static ProjectError WorkflowErr => new ProjectError(50006, "workflow err", "workflow err", 500);
        public static ProjectError Intercepted => new ProjectError(20090, "Your request has been Intercept", "Your request has been intercepted.", 400);
        public static ProjectError SubTaskNotCompleted(string node, string task) => new ProjectError(50006, "Sub Task Not Completed", $"Node {node} cannot be completed because task {task} is not completed", 500);
        public static ProjectError FieldOptionWrong => new ProjectError(20050, "Field Option Value Is Wrong", "Due to the administrator configuration update", 400);
        public static ProjectError WorkItemAlreadyAborted => new ProjectError(20007, "WorkItem Is Already Aborted", "WorkItem Is Already Aborted", 400);
        public static ProjectError InTransition => new ProjectError(50006, "The current workflow is in transition", "Node workflow transitioning", 500);
        public static ProjectError FieldNotFound(string alias) => new ProjectError(30009, "Field Not Found", $"field_value_pairs field alias {alias}:can not find field", 404);
        public static ProjectError MilestoneRequired => new ProjectError(20038, "Required Field Is Not Set", "Milestone due time is required", 400);
        public static ProjectError EstimateTooLow => new ProjectError(1000051743, "RPC Call Error", "Node 估分 must exceed that of its sub-tasks", 400);
        public static ProjectError NoRightToEdit(string field, string fieldId) => new ProjectError(50006, "No right to edit", $"Unable to edit {field} ({fieldId})", 500);
        public static ProjectError RoleOwnerMissing => new ProjectError(20041, "Field RoleOwner Must Be Set In FieldValuePairs", "Role owner do not exist in DB and request", 400);

        // Global codes the node endpoint meets.
        public static ProjectError WorkItemIsNodeFlow => new ProjectError(20027, "WorkItem Is Node Flow", "work item is node flow, please use flow_type 0", 400);
        public static ProjectError FieldsMixed => new ProjectError(20015, "Invalid Fields", "fields can not contain both include and exclude", 400);
        public static ProjectError NodeNotCompleted => new ProjectError(20037, "Node Is not completed, Could Not Be Rollback", "Node Is not completed, Could Not Be Rollback", 400);
        public static ProjectError InvalidParam(string what) => new ProjectError(20006, "Invalid Param", what, 400);
        public static ProjectError TokenNotExist => new ProjectError(10021, "Token Not Exist", "Token Not Exist", 401);
        public static ProjectError CheckTokenFailed => new ProjectError(10022, "Check Token Failed", "Check Token Failed", 401);
        public static ProjectError UserKeyRequired => new ProjectError(20039, "X-User-Key Is Required", "plugin token requires the X-USER-KEY header", 400);
        public static ProjectError FrequencyLimit => new ProjectError(10429, "API Request Frequency Limit", "API Request Frequency Limit", 429);
        public static ProjectError IdempotentLimit => new ProjectError(10430, "API Request Idempotent Limit", "API Request Idempotent Limit", 429);
        public static ProjectError SystemBusy => new ProjectError(50006, "openapi system err, please try again later", "openapi system err, please try again later", 500);

        /// <summary>Every row of the node operate docs' error table, in the docs' order, with sample placeholder values.</summary>
        public static IReadOnlyList<ProjectError> SeedTable => new[]
        {
            NodeIsCompleted, NodeNotArrived, NodeNotExist, OwnerRequired, FieldRequired("Design", "field_priority"),
            ScheduleRequired("Develop"), WorkItemAbort, RoleRequired("QA", "QA"), ParamInvalid("Signal", "field_signal"), MissingParam,
            TaskFinished, ActualWorkTimeRequired("develop"), WorkItemNotFound, WorkflowErr, Intercepted,
            SubTaskNotCompleted("Develop", "Write tests"), FieldOptionWrong, WorkItemAlreadyAborted, InTransition, FieldNotFound("testin_allow"),
            MilestoneRequired, EstimateTooLow, NoRightToEdit("Priority", "field_priority"), RoleOwnerMissing,
        };
    }
}
