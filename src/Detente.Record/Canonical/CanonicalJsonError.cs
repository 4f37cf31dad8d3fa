namespace Detente.Record.Canonical;

/// <summary>Why a byte sequence is not acceptable JSON for the record, and where: <see cref="Position"/> is a 0-based byte offset.</summary>
/// <param name="Position">The 0-based byte offset in the input where the problem was found.</param>
/// <param name="Message">What was wrong, in plain language.</param>
public readonly record struct CanonicalJsonError(long Position, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"at byte {Position}: {Message}";
}
