using ApprovalTools.Core.Http;

namespace ApprovalTools.Core.Operations
{
    /// <summary>
    /// The one auth-failure policy of the three services: an authentication failure (credentials or token refused,
    /// user key invalid) ends the command, since every later item would fail the same way; any other API failure is
    /// one error for its item and the rest go on.
    /// </summary>
    public static class FailurePolicy
    {
        public static bool EndsRun(ApiException exception) => exception.Kind == ErrorKind.Authentication;
    }
}
