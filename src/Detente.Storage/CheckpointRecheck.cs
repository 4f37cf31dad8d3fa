using System.Data.Common;
using Detente.Record;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;

namespace Detente.Storage;

/// <summary>
/// What the log key re-reads and re-checks before it signs a checkpoint: the tree it signs over is recomputed from the stored
/// entries, not taken from the <c>meta.size</c> and <c>nodes</c> caches. The work is only the part of the tree added since the latest
/// checkpoint the log key signed: that checkpoint's stored subtree hashes must hash to its signed root, every entry after it is
/// re-hashed and its leaf hash compared, every node over those entries is recomputed and compared with its row, and no row may
/// stand over entries beyond <c>meta.size</c>. Entries after that checkpoint that this store object did not itself integrate (and
/// so re-check) are re-read, re-hashed and checked again in full: signature under a key of their author, body rules; of those it
/// integrated, the stored leaf hash must be the one it integrated.
/// </summary>
public abstract partial class DbRecordStore
{
    /// <summary>Entries are re-read, re-hashed and re-checked this many at a time.</summary>
    private const int RecheckChunk = 16_384;

    // The leaves of the entries this store object integrated (each re-checked or validated in full before), until a checkpoint
    // covers them.
    private readonly VerifiedLeaves _integrated = new(1 << 18);

    /// <summary>
    /// The root of the tree of <paramref name="size"/> leaves recomputed from the stored entries since the latest checkpoint the log
    /// key signed below <paramref name="size"/>, every cached row it relies on compared on the way.
    /// </summary>
    /// <exception cref="RecordStoreException">A cache disagrees with the entries, or an entry no longer passes; nothing may be signed.</exception>
    private MerkleHash RecheckTree(DbTransaction tx, SigningKey logKey, long size)
    {
        var accepted = ReadCounter(tx, "accepted");
        if (size < 0 || size > accepted)
        {
            throw Refuse(StorageMessages.SizeAboveAccepted(size, accepted));
        }

        if (Scalar<long?>(tx, "SELECT MAX(size) FROM checkpoints") is { } latest && latest > size)
        {
            throw Refuse(StorageMessages.SizeBelowCheckpoint(size, latest));
        }

        // The frontier of the latest signed checkpoint: its complete subtrees, largest first, which must hash to its signed root.
        var frontier = new Stack<(int Level, long Index, MerkleHash Hash)>();
        var from = 0L;
        string? previous = null;
        using (var cmd = Command(tx, "SELECT size, note FROM checkpoints WHERE size < @s ORDER BY size DESC LIMIT 1", ("s", size)))
        using (var reader = cmd.ExecuteReader())
        {
            if (reader.Read())
            {
                from = reader.GetInt64(0);
                previous = reader.GetString(1);
            }
        }

        if (previous is not null)
        {
            Checkpoint signed;
            try
            {
                var note = SignedNote.Parse(previous);
                signed = note.Verify([logKey.NoteKey]).IsVerified ? Record.Notes.Checkpoint.Parse(note.Text) : throw new RecordFormatException("no signature of the log key");
            }
            catch (RecordFormatException e)
            {
                throw Refuse(StorageMessages.CheckpointNotSigned(from, e.Message));
            }

            if (signed.Size != from || signed.Origin != Origin)
            {
                throw Refuse(StorageMessages.CheckpointNotSigned(from, $"it is signed for size {signed.Size} of '{signed.Origin}'"));
            }

            var start = 0L;
            for (var level = 62; level >= 0; level--)
            {
                if ((from & (1L << level)) != 0)
                {
                    frontier.Push((level, start >> level, StoredNode(tx, level, start >> level)
                        ?? throw Refuse(StorageMessages.FrontierChanged(from, StorageMessages.Node(level, start >> level) + " is missing"))));
                    start += 1L << level;
                }
            }

            if (Fold(frontier) != signed.RootHash)
            {
                throw Refuse(StorageMessages.FrontierChanged(from, "they do not hash to its signed root"));
            }
        }

        // Every entry after it, re-hashed; every node over them recomputed.
        var computed = new List<(int Level, long Index, MerkleHash Hash)>();
        for (var first = from; first < size; first += RecheckChunk)
        {
            var count = (int)Math.Min(RecheckChunk, size - first);
            var leaves = StoredLeaves(tx, first, count, size);

            // A leaf this store object integrated at that index (after checking its entry) is taken as it is: the tree commits to the
            // bytes that were checked. From the first one that is not, entries are re-read, re-hashed and checked again in full.
            var held = 0;
            while (held < count && _integrated.Holds(first + held, leaves[held]))
            {
                held++;
            }

            if (held < count)
            {
                var entries = new byte[count - held][];
                using (var cmd = Command(tx, "SELECT idx, entry FROM entries WHERE idx >= @s AND idx < @e ORDER BY idx", ("s", first + held), ("e", first + count)))
                using (var reader = cmd.ExecuteReader())
                {
                    var n = 0;
                    while (n < entries.Length && reader.Read() && reader.GetInt64(0) == first + held + n)
                    {
                        entries[n++] = (byte[])reader[1];
                    }

                    if (n != entries.Length)
                    {
                        throw Refuse(StorageMessages.IntegratedEntryMissing(size, first + held + n));
                    }
                }

                var rehashed = new MerkleHash[entries.Length];
                Parallel.For(0, entries.Length, new ParallelOptions { MaxDegreeOfParallelism = entries.Length >= 64 ? -1 : 1 },
                    i => rehashed[i] = RecordHashing.LeafHash(entries[i]));
                for (var i = 0; i < entries.Length; i++)
                {
                    if (rehashed[i] != leaves[held + i])
                    {
                        throw Refuse(StorageMessages.LeafHashChanged(first + held + i));
                    }
                }

                if (RecheckPending(tx, first + held, entries) is { } refused)
                {
                    throw Refuse(StorageMessages.IntegratedRefused(refused.Index, from, refused.Reason));
                }
            }

            for (var i = 0; i < count; i++)
            {
                var (hash, level, index) = (leaves[i], 0, first + i);
                while ((index & 1) == 1)
                {
                    hash = RecordHashing.NodeHash(frontier.Pop().Hash, hash);
                    level++;
                    index >>= 1;
                    computed.Add((level, index, hash));
                }

                frontier.Push((level, index, hash));
            }
        }

        CompareNodes(tx, from, size, computed);
        return size == 0 ? MerkleHash.Empty : Fold(frontier);
    }

    /// <summary>Compares the rows of <c>nodes</c> over entries <paramref name="from"/> and later with the recomputed ones, level by level.</summary>
    private void CompareNodes(DbTransaction tx, long from, long size, List<(int Level, long Index, MerkleHash Hash)> computed)
    {
        computed.Sort((a, b) => a.Level != b.Level ? a.Level.CompareTo(b.Level) : a.Index.CompareTo(b.Index));
        var next = 0;
        for (var level = 1; level <= 62; level++)
        {
            // A node (level, i) stands over entries i·2^level … (i+1)·2^level − 1: those ending after the signed checkpoint are new.
            using (var cmd = Command(tx, "SELECT idx, hash FROM nodes WHERE level = @l AND idx >= @i ORDER BY idx", ("l", level), ("i", from >> level)))
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    var index = reader.GetInt64(0);
                    if (index >= size >> level)
                    {
                        throw Refuse(StorageMessages.NodeBeyondSize(level, index, size));
                    }

                    if (((index + 1) << level) <= from)
                    {
                        continue;
                    }

                    if (next >= computed.Count || computed[next].Level != level || computed[next].Index > index)
                    {
                        throw Refuse(StorageMessages.NodeBeyondSize(level, index, size));
                    }

                    if (computed[next].Index < index)
                    {
                        throw Refuse(StorageMessages.IntegratedNodeMissing(level, computed[next].Index, size));
                    }

                    var hash = (byte[])reader[1];
                    if (hash.Length != MerkleHash.Length || new MerkleHash(hash) != computed[next].Hash)
                    {
                        throw Refuse(StorageMessages.NodeDiffers(level, index));
                    }

                    next++;
                }
            }

            if (next < computed.Count && computed[next].Level == level)
            {
                throw Refuse(StorageMessages.IntegratedNodeMissing(level, computed[next].Index, size));
            }

            if (size >> level == 0 && next == computed.Count)
            {
                if (Scalar<long?>(tx, "SELECT MAX(level) FROM nodes") is { } top && top > level)
                {
                    using var cmd = Command(tx, "SELECT idx FROM nodes WHERE level = @l ORDER BY idx LIMIT 1", ("l", top));
                    throw Refuse(StorageMessages.NodeBeyondSize((int)top, Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), size));
                }

                break;
            }
        }
    }

    /// <summary>The stored leaf hashes of entries <paramref name="first"/> … + <paramref name="count"/> − 1, all present and well-formed.</summary>
    private MerkleHash[] StoredLeaves(DbTransaction tx, long first, int count, long size)
    {
        var leaves = new MerkleHash[count];
        using var cmd = Command(tx, "SELECT idx, leaf_hash FROM entries WHERE idx >= @s AND idx < @e ORDER BY idx", ("s", first), ("e", first + count));
        using var reader = cmd.ExecuteReader();
        var n = 0;
        while (n < count && reader.Read() && reader.GetInt64(0) == first + n)
        {
            var bytes = (byte[])reader[1];
            if (bytes.Length != MerkleHash.Length)
            {
                throw Refuse(StorageMessages.LeafHashChanged(first + n));
            }

            leaves[n++] = new MerkleHash(bytes);
        }

        return n == count ? leaves : throw Refuse(StorageMessages.IntegratedEntryMissing(size, first + n));
    }

    /// <summary>The hash stored for a node (level 0: an entry's leaf hash), read from the table, not the cache; null when absent or malformed.</summary>
    private MerkleHash? StoredNode(DbTransaction tx, int level, long index)
    {
        var bytes = level == 0
            ? Scalar<byte[]>(tx, "SELECT leaf_hash FROM entries WHERE idx = @i", ("i", index))
            : Scalar<byte[]>(tx, "SELECT hash FROM nodes WHERE level = @l AND idx = @i", ("l", level), ("i", index));
        return bytes is { Length: MerkleHash.Length } ? new MerkleHash(bytes) : null;
    }

    /// <summary>The root over complete subtrees, largest (bottom of the stack) first: each joined with the hash of those after it.</summary>
    private static MerkleHash Fold(Stack<(int Level, long Index, MerkleHash Hash)> frontier)
    {
        MerkleHash? root = null;
        foreach (var (_, _, hash) in frontier)
        {
            // A stack enumerates from its top: the smallest subtree first.
            root = root is { } right ? RecordHashing.NodeHash(hash, right) : hash;
        }

        return root ?? MerkleHash.Empty;
    }

    private static RecordStoreException Refuse(string message) =>
        new(StorageMessages.NotSigned(message), isTransient: false, isCorrupt: true);
}
