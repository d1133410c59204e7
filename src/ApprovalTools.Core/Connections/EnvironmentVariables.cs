namespace ApprovalTools.Core.Connections
{
    /// <summary>
    /// The environment variables the Connect-* commands read for a value that is not given as a parameter
    /// (the docs list them per service). A blank variable counts as not set.
    /// </summary>
    public static class EnvironmentVariables
    {
        public const string FeishuAppId = "FEISHU_APP_ID";
        public const string FeishuAppSecret = "FEISHU_APP_SECRET";

        /// <summary>"Feishu" (open.feishu.cn) or "Lark" (open.larksuite.com).</summary>
        public const string FeishuRegion = "FEISHU_REGION";

        /// <summary>Overrides the region's host (a proxy, a private deployment).</summary>
        public const string FeishuBaseUri = "FEISHU_BASE_URI";

        public const string BatchApprovalBaseUri = "BATCH_APPROVAL_BASE_URI";

        /// <summary>Bearer token; used only when neither a token nor headers are given.</summary>
        public const string BatchApprovalToken = "BATCH_APPROVAL_TOKEN";

        public const string FeishuProjectPluginId = "FEISHU_PROJECT_PLUGIN_ID";
        public const string FeishuProjectPluginSecret = "FEISHU_PROJECT_PLUGIN_SECRET";
        public const string FeishuProjectUserKey = "FEISHU_PROJECT_USER_KEY";
        public const string FeishuProjectBaseUri = "FEISHU_PROJECT_BASE_URI";
    }
}
