namespace Detente.Storage;

/// <summary>A storage failure. <see cref="IsTransient"/> says whether retrying the same call may succeed (e.g. a busy database).</summary>
public sealed class RecordStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecordStoreException(string message, bool isTransient, Exception? inner = null, bool isCorrupt = false)
        : base(message, inner)
    {
        IsTransient = isTransient;
        IsCorrupt = isCorrupt;
    }

    /// <summary>True when a retry can help (lock contention, a dropped connection); false for corruption or misuse.</summary>
    public bool IsTransient { get; }

    /// <summary>
    /// True when the store itself is damaged: the database file is corrupt, or rows the signed log implies are missing or
    /// differ. <c>detente record verify</c> names what changed.
    /// </summary>
    public bool IsCorrupt { get; }
}
