using Detente.Record.Notes;

namespace Detente.Record;

/// <summary>
/// The outcome of verifying a whole log (from a database or a tile directory): valid with the checkpoint it matched, or the
/// first problem found, with where it is — the entry index and, when known, the resource and byte offset that changed.
/// </summary>
public sealed record VerificationReport
{
    /// <summary>True when every check passed.</summary>
    public required bool IsValid { get; init; }

    /// <summary>The first problem found; null when valid.</summary>
    public string? Problem { get; init; }

    /// <summary>The log index of the entry involved, when the problem is in an entry or its leaf hash.</summary>
    public long? EntryIndex { get; init; }

    /// <summary>The file, table or resource involved, e.g. <c>tile/0/000.p/9</c> or <c>entries</c>.</summary>
    public string? Resource { get; init; }

    /// <summary>The 0-based offset of the first changed byte within <see cref="Resource"/> (or within the entry), when known.</summary>
    public long? ByteOffset { get; init; }

    /// <summary>The checkpoint the log was verified against, when one was read.</summary>
    public Checkpoint? Checkpoint { get; init; }

    /// <summary>How many entries were re-hashed.</summary>
    public long EntriesChecked { get; init; }

    /// <summary>A valid report.</summary>
    public static VerificationReport Valid(Checkpoint? checkpoint, long entries) =>
        new() { IsValid = true, Checkpoint = checkpoint, EntriesChecked = entries };

    /// <summary>A failed report.</summary>
    public static VerificationReport Failed(string problem, long? entryIndex = null, string? resource = null, long? byteOffset = null) =>
        new() { IsValid = false, Problem = problem, EntryIndex = entryIndex, Resource = resource, ByteOffset = byteOffset };

    /// <inheritdoc/>
    public override string ToString()
    {
        if (IsValid)
        {
            return $"valid: {EntriesChecked} entries match checkpoint {Checkpoint?.Origin} size {Checkpoint?.Size}";
        }

        var where = string.Join(", ", new[]
        {
            EntryIndex is { } i ? $"entry {i}" : null,
            Resource,
            ByteOffset is { } b ? $"byte {b}" : null,
        }.Where(s => s is not null));
        return where.Length == 0 ? $"invalid: {Problem}" : $"invalid: {Problem} ({where})";
    }
}
