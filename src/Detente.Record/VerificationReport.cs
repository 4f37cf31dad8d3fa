using Detente.Record.Notes;

namespace Detente.Record;

/// <summary>What kind of difference a verification found.</summary>
public enum VerificationProblemKind
{
    /// <summary>Stored data differs from what the signed entries and checkpoints imply (edited, deleted, added or rolled back).</summary>
    Changed,

    /// <summary>Entries that no checkpoint signed by the log key covers: nothing but their authors' signatures vouches for them.</summary>
    Unauthenticated,
}

/// <summary>One difference found by a verification, with where it is.</summary>
/// <param name="Kind">Changed or unauthenticated.</param>
/// <param name="Problem">What differs, in words.</param>
/// <param name="EntryIndex">The log index of the entry involved, when there is one.</param>
/// <param name="Resource">The file, table or resource involved, e.g. <c>tile/0/000.p/9</c> or <c>entries</c>.</param>
/// <param name="ByteOffset">The 0-based offset of the first changed byte within the resource (or the entry), when known.</param>
public sealed record VerificationProblem(VerificationProblemKind Kind, string Problem, long? EntryIndex = null, string? Resource = null, long? ByteOffset = null)
{
    /// <summary>The problem and where it is, e.g. <c>the stored entry no longer hashes to its stored leaf hash (entry 3, entries)</c>.</summary>
    public override string ToString()
    {
        var where = string.Join(", ", new[]
        {
            EntryIndex is { } i ? $"entry {i}" : null,
            Resource,
            ByteOffset is { } b ? $"byte {b}" : null,
        }.Where(s => s is not null));
        return where.Length == 0 ? Problem : $"{Problem} ({where})";
    }
}

/// <summary>
/// The outcome of verifying a whole log (from a database or a tile directory): valid with the checkpoint it matched, or the
/// problems found, first one first, with where each is — the entry index and, when known, the resource and byte offset that changed.
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

    /// <summary>Every problem found, first one first (the first is also given by <see cref="Problem"/> and its neighbours).</summary>
    public IReadOnlyList<VerificationProblem> Problems { get; init; } = [];

    /// <summary>True when every problem is <see cref="VerificationProblemKind.Unauthenticated"/>: nothing stored differs, but not all of it is signed for.</summary>
    public bool IsOnlyUnauthenticated => !IsValid && Problems.Count > 0 && Problems.All(p => p.Kind == VerificationProblemKind.Unauthenticated);

    /// <summary>The checkpoint the log was verified against, when one was read.</summary>
    public Checkpoint? Checkpoint { get; init; }

    /// <summary>How many entries were re-hashed.</summary>
    public long EntriesChecked { get; init; }

    /// <summary>A valid report.</summary>
    public static VerificationReport Valid(Checkpoint? checkpoint, long entries) =>
        new() { IsValid = true, Checkpoint = checkpoint, EntriesChecked = entries };

    /// <summary>A failed report with one problem.</summary>
    public static VerificationReport Failed(string problem, long? entryIndex = null, string? resource = null, long? byteOffset = null) =>
        Failed([new VerificationProblem(VerificationProblemKind.Changed, problem, entryIndex, resource, byteOffset)]);

    /// <summary>A failed report with the problems found (at least one), first one first.</summary>
    public static VerificationReport Failed(IReadOnlyList<VerificationProblem> problems, Checkpoint? checkpoint = null, long entries = 0)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        var first = problems[0];
        return new()
        {
            IsValid = false, Problem = first.Problem, EntryIndex = first.EntryIndex, Resource = first.Resource, ByteOffset = first.ByteOffset,
            Problems = problems, Checkpoint = checkpoint, EntriesChecked = entries,
        };
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        if (IsValid)
        {
            return $"valid: {EntriesChecked} entries match checkpoint {Checkpoint?.Origin} size {Checkpoint?.Size}";
        }

        var first = Problems.Count > 0 ? Problems[0] : new VerificationProblem(VerificationProblemKind.Changed, Problem ?? "", EntryIndex, Resource, ByteOffset);
        return $"invalid: {first}";
    }
}
