using Detente.Record.Merkle;

namespace Detente.Storage;

/// <summary>
/// The leaf hashes of the entries this store object validated in full (signature under a known key of the author, sequence, time,
/// body rules) and committed, each at the log index it was written to, until they are integrated. Integration re-reads every pending
/// entry and re-hashes it; an entry whose recomputed leaf hash equals the one cached for its index holds exactly the bytes validated
/// at that index, so its signature need not be verified a second time. An entry edited in the database hashes differently; one
/// written by another process, left by a crash, or beyond the cache's limit has no cached leaf: those are checked again in full.
/// Not thread-safe: the store uses it under its lock.
/// </summary>
internal sealed class VerifiedLeaves(int limit = VerifiedLeaves.DefaultLimit)
{
    /// <summary>At most this many leaves are kept by default (32 bytes each: 64 MiB); entries beyond it are re-verified at integration.</summary>
    public const int DefaultLimit = 1 << 21;

    // Invariant: segments are ordered by First and do not overlap; each is the contiguous run of entries one transaction wrote.
    private readonly List<(long First, MerkleHash[] Leaves)> _segments = [];
    private long _count;

    /// <summary>How many leaves are cached.</summary>
    public long Count => _count;

    /// <summary>Remembers that the entries at <paramref name="first"/>, <paramref name="first"/> + 1, … were validated and committed with these leaves.</summary>
    public void Add(long first, MerkleHash[] leaves)
    {
        if (leaves.Length == 0 || _count + leaves.Length > limit)
        {
            return;
        }

        // An index at or below a cached one means the store's counters went back (changed from outside): trust none of it.
        if (_segments.Count > 0 && first < _segments[^1].First + _segments[^1].Leaves.Length)
        {
            Clear();
        }

        _segments.Add((first, leaves));
        _count += leaves.Length;
    }

    /// <summary>True when <paramref name="leaf"/> is the leaf cached for the entry at <paramref name="index"/>.</summary>
    public bool Holds(long index, MerkleHash leaf)
    {
        // Few segments are cached at a time (integration follows each commit), so a linear search from the oldest is enough.
        foreach (var (first, leaves) in _segments)
        {
            if (index < first)
            {
                return false;
            }

            if (index < first + leaves.Length)
            {
                return leaves[index - first] == leaf;
            }
        }

        return false;
    }

    /// <summary>Forgets every leaf below <paramref name="size"/> (integrated: never checked again).</summary>
    public void Forget(long size)
    {
        var drop = 0;
        while (drop < _segments.Count && _segments[drop].First + _segments[drop].Leaves.Length <= size)
        {
            _count -= _segments[drop].Leaves.Length;
            drop++;
        }

        _segments.RemoveRange(0, drop);
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _segments.Clear();
        _count = 0;
    }
}
