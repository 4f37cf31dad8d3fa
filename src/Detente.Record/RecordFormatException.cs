namespace Detente.Record;

/// <summary>
/// Thrown when text or bytes given to the record (JSON, notes, checkpoints, proofs, keys, tiles) are malformed.
/// The message says what was expected; <see cref="Position"/> gives a byte offset when one is known.
/// </summary>
public sealed class RecordFormatException : FormatException
{
    /// <summary>Creates the exception with a message and an optional byte position.</summary>
    public RecordFormatException(string message, long? position = null)
        : base(position is { } p ? $"{message} (at byte {p})" : message)
    {
        Position = position;
        Reason = message;
    }

    /// <summary>What is wrong, without the byte position (for a caller that names the place itself, e.g. as line and column).</summary>
    public string Reason { get; }

    /// <summary>The 0-based byte offset of the problem, when known.</summary>
    public long? Position { get; }
}
