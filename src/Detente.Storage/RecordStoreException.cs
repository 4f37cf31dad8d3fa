namespace Detente.Storage;

/// <summary>A storage failure. <see cref="IsTransient"/> says whether retrying the same call may succeed (e.g. a busy database).</summary>
public sealed class RecordStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecordStoreException(string message, bool isTransient, Exception? inner = null)
        : base(message, inner)
    {
        IsTransient = isTransient;
    }

    /// <summary>True when a retry can help (lock contention, a dropped connection); false for corruption or misuse.</summary>
    public bool IsTransient { get; }
}
