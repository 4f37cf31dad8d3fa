using System.Data;
using System.Data.Common;
using System.Globalization;
using Detente.Core;
using Detente.Record;
using Detente.Record.Admission;
using Detente.Record.Canonical;
using Detente.Record.Driver;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;
using Detente.Record.Witness;

namespace Detente.Storage;

/// <summary>Integration into the tree, and the checkpoints the log key signs over it with their histories.</summary>
public abstract partial class DbRecordStore
{
    /// <inheritdoc/>
    Record.Driver.Integration IRecordDriver.Integrate(int maxEntries) => Integrate(maxEntries);

    /// <inheritdoc/>
    public Integration Integrate(int maxEntries = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        return Run("integrating pending statements", () =>
        {
            using var tx = BeginWrite();
            var size = ReadSize(tx);
            var count = (int)Math.Min(maxEntries, ReadCounter(tx, "accepted") - size);
            if (count <= 0)
            {
                return new Integration(size, 0, size);
            }

            // The tree commits to the stored bytes: every leaf hash is recomputed from the raw entry and must match the one written
            // when the entry was appended.
            var entries = new byte[count][];
            var stored = new MerkleHash[count];
            using (var cmd = Command(tx, "SELECT idx, entry, leaf_hash FROM entries WHERE idx >= @s AND idx < @e ORDER BY idx", ("s", size), ("e", size + count)))
            using (var reader = cmd.ExecuteReader())
            {
                var n = 0;
                while (reader.Read())
                {
                    if (reader.GetInt64(0) != size + n)
                    {
                        throw new RecordStoreException(StorageMessages.EntryMissing(size + n), isTransient: false);
                    }

                    entries[n] = (byte[])reader[1];
                    stored[n] = new MerkleHash((byte[])reader[2]);
                    n++;
                }

                if (n != count)
                {
                    throw new RecordStoreException(StorageMessages.EntryMissing(size + n), isTransient: false);
                }
            }

            var leaves = new MerkleHash[count];
            if (count >= 64)
            {
                Parallel.For(0, count, i => leaves[i] = RecordHashing.LeafHash(entries[i]));
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    leaves[i] = RecordHashing.LeafHash(entries[i]);
                }
            }

            for (var i = 0; i < count; i++)
            {
                if (leaves[i] != stored[i])
                {
                    throw new RecordStoreException(StorageMessages.PendingLeafChanged(size + i), isTransient: false);
                }
            }

            // The log key signs only what was re-read from storage and checked again: signature, key and body rules. An entry whose
            // re-read bytes hash to the leaf this store validated in full at that index is those very bytes, checked against the same
            // entries before it; from the first entry that is not (edited, written by another process, left by a crash), every entry
            // is checked again in full, so a checked entry never rests on one that was not.
            var verified = 0;
            while (verified < count && _verified.Holds(size + verified, leaves[verified]))
            {
                verified++;
            }

            if (verified < count && RecheckPending(tx, size + verified, verified == 0 ? entries : entries[verified..]) is { } refused)
            {
                throw new RecordStoreException(StorageMessages.PendingRefused(refused.Index, refused.Reason), isTransient: false);
            }

            var cache = new Dictionary<(int Level, long Index), MerkleHash>();
            var first = size;
            var nodes = new List<object[]>(count);
            for (var b = 0; b < count; b++)
            {
                var leaf = leaves[b];
                cache[(0, size)] = leaf;

                // Invariant: after appending leaf i, every complete subtree ending at i has its node stored.
                var hash = leaf;
                var level = 0;
                var index = size;
                while ((index & 1) == 1)
                {
                    var left = cache.TryGetValue((level, index - 1), out var l) ? l : ReadNode(tx, level, index - 1);
                    hash = RecordHashing.NodeHash(left, hash);
                    level++;
                    index >>= 1;
                    cache[(level, index)] = hash;
                    nodes.Add([level, index, hash.ToArray()]);
                }

                size++;
            }

            using (var insertNode = Rows(tx, "nodes", "level", "idx", "hash"))
            {
                nodes.ForEach(insertNode.Add);
                insertNode.Flush();
            }

            Execute(tx, "UPDATE meta SET value = @v WHERE name = 'size'", ("v", size.ToString(CultureInfo.InvariantCulture)));
            tx.Commit();
            _verified.Forget(size);
            _integrated.Add(first, leaves);
            return new Integration(first, count, size);
        });
    }

    /// <inheritdoc/>
    public SignedNote Checkpoint(SigningKey logKey)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        if (logKey.Name != Origin)
        {
            throw new ArgumentException(StorageMessages.OriginMismatch(logKey.Name, Origin), nameof(logKey));
        }

        return Run("signing a checkpoint", () =>
        {
            using var tx = BeginWrite();
            var size = ReadSize(tx);
            string? existing = null, existingHistory = null;
            using (var cmd = Command(tx, "SELECT note, history FROM checkpoints WHERE size = @s", ("s", size)))
            using (var reader = cmd.ExecuteReader())
            {
                if (reader.Read())
                {
                    existing = reader.GetString(0);
                    existingHistory = reader.IsDBNull(1) ? null : reader.GetString(1);
                }
            }

            if (existing is not null)
            {
                var stored = SignedNote.Parse(existing);
                if (existingHistory is null)
                {
                    // A checkpoint signed before schema 4: sign its history now, so the store's latest checkpoint always has one.
                    Execute(tx, "UPDATE checkpoints SET history = @h WHERE size = @s", ("s", size), ("h", History(tx, logKey, size, stored.Text).ToString()));
                    tx.Commit();
                }

                return stored;
            }

            // The log key signs only a tree it recomputed from the stored entries since the checkpoint it signed last.
            var root = RecheckTree(tx, logKey, size);
            var note = new Checkpoint(Origin, size, root).Sign(logKey);
            var history = History(tx, logKey, size, note.Text);
            Execute(tx, "INSERT INTO checkpoints (size, note, history) VALUES (@s, @n, @h)", ("s", size), ("n", note.ToString()), ("h", history.ToString()));
            tx.Commit();
            _integrated.Forget(size);
            return note;
        });
    }

    /// <summary>
    /// The log key's signed history for a checkpoint at <paramref name="size"/>: the previous checkpoint's history extended by this one
    /// when the previous one has a history the log key signed, otherwise a chain over every stored checkpoint; and the digest of the
    /// enrolments that apply to entries below <paramref name="size"/>.
    /// </summary>
    private SignedNote History(DbTransaction tx, SigningKey logKey, long size, string checkpointText)
    {
        var chain = CheckpointHistory.Empty;
        var count = 0L;
        string? previousNote = null, previousHistory = null;
        using (var cmd = Command(tx, "SELECT note, history FROM checkpoints WHERE size < @s ORDER BY size DESC LIMIT 1", ("s", size)))
        using (var reader = cmd.ExecuteReader())
        {
            if (reader.Read())
            {
                previousNote = reader.GetString(0);
                previousHistory = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        CheckpointHistory? previous = null;
        try
        {
            if (previousHistory is not null && SignedNote.Parse(previousHistory) is var signed && signed.Verify([logKey.NoteKey]).IsVerified)
            {
                previous = CheckpointHistory.Parse(signed.Text);
            }
        }
        catch (RecordFormatException)
        {
            // Not a history this key signed: the chain is computed from the stored checkpoints instead.
        }

        if (previous is not null && previous.Origin == Origin)
        {
            (chain, count) = (previous.Chain, previous.Count);
        }
        else if (previousNote is not null)
        {
            using var cmd = Command(tx, "SELECT note FROM checkpoints WHERE size < @s ORDER BY size", ("s", size));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                chain = CheckpointHistory.Extend(chain, SignedNote.Parse(reader.GetString(0)).Text);
                count++;
            }
        }

        var enrolments = new List<(long, string, string, string)>();
        using (var cmd = Command(tx, "SELECT position, ref, party, vkey FROM enrolled_keys WHERE position < @s", ("s", size)))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                enrolments.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        return new CheckpointHistory(Origin, count + 1, CheckpointHistory.Extend(chain, checkpointText), CheckpointHistory.EnrolmentDigest(enrolments))
            .Sign(logKey);
    }

    /// <inheritdoc/>
    public void SaveCosigned(SignedNote checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var size = Record.Notes.Checkpoint.Parse(checkpoint.Text).Size;
        Run("saving a cosigned checkpoint", () =>
        {
            using var tx = BeginWrite();
            var existing = Scalar<string?>(tx, "SELECT note FROM checkpoints WHERE size = @s", ("s", size));
            if (existing is null || SignedNote.Parse(existing).Text != checkpoint.Text)
            {
                throw new ArgumentException(StorageMessages.UnknownCheckpoint(size), nameof(checkpoint));
            }

            Execute(tx, "UPDATE checkpoints SET note = @n WHERE size = @s", ("s", size), ("n", checkpoint.ToString()));
            tx.Commit();
            return 0;
        });
    }

    /// <inheritdoc/>
    public SignedNote? LatestCheckpoint() => Run("reading the latest checkpoint", () =>
    {
        var text = Scalar<string?>(null, "SELECT note FROM checkpoints ORDER BY size DESC LIMIT 1");
        return text is null ? null : SignedNote.Parse(text);
    });
}
