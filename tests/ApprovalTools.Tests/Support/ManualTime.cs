namespace ApprovalTools.Tests.Support
{
    /// <summary>A clock that moves only when a test says so (token lifetimes, Retry-After dates, connect times).</summary>
    public sealed class ManualTime
    {
        private DateTimeOffset _now;

        public ManualTime(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public DateTimeOffset Now() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
