namespace System.Runtime.CompilerServices
{
    /// <summary>Lets netstandard2.0 code declare init-only properties (records of immutable options).</summary>
    internal static class IsExternalInit
    {
    }
}
