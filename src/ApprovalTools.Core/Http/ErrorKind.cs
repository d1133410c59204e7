namespace ApprovalTools.Core.Http
{
    /// <summary>
    /// What kind of failure an error is. The cmdlet layer maps each kind onto one PowerShell ErrorCategory
    /// (ServerError onto ProtocolError), so Core never references System.Management.Automation.
    /// </summary>
    public enum ErrorKind
    {
        InvalidArgument,
        InvalidData,
        ObjectNotFound,
        Authentication,
        PermissionDenied,
        RateLimited,
        ConnectionError,
        Timeout,
        ResourceBusy,
        InvalidOperation,
        ServerError,
        OutcomeUnknown,
    }
}
