using System;

namespace ApprovalTools.Core.Http
{
    /// <summary>The real clock, as the default of every <c>Func&lt;DateTimeOffset&gt;</c> clock that tests replace.</summary>
    public static class SystemClock
    {
        public static readonly Func<DateTimeOffset> UtcNow = () => DateTimeOffset.UtcNow;
    }
}
