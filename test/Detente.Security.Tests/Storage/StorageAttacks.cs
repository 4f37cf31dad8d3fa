using System.IO.Compression;
using System.Text;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;

namespace Detente.Security.Tests.Storage;

/// <summary>One attack on a stored record by an operator with write access to the database.</summary>
/// <param name="Class">edit, delete, insert, rollback or corrupt.</param>
/// <param name="Table">The table (or file) attacked.</param>
/// <param name="Name">What the attack does, in words.</param>
/// <param name="Expected">What <c>record verify</c>'s output must contain: the edit, named.</param>
/// <param name="Apply">Performs the attack; returns extra arguments for <c>record verify</c> (e.g. a trusted checkpoint).</param>
/// <param name="SqliteOnly">True for attacks on the SQLite file itself.</param>
/// <param name="PostgresOnly">True for attacks on PostgreSQL's own structures (its catalogue and indices).</param>
public sealed record StorageAttack(
    string Class, string Table, string Name, string Expected, Func<Backend, BuiltRecord, string, string[]> Apply, bool SqliteOnly = false, bool PostgresOnly = false)
{
    public override string ToString() => $"{Class} {Table}: {Name}";
}

/// <summary>Every attack on every table of the store, replayed on SQLite and PostgreSQL by <see cref="StorageAttackTests"/>.</summary>
public static class StorageAttacks
{
    /// <summary>A record whose shorter builds are prefixes of its longer ones: positions only.</summary>
    public static readonly RecordShape Plain = new(Rotate: false, Revoke: false, Batches: 0, Witnessed: false, LateParty: false, Sources: false);

    private static readonly string Pol1 = Reference("pol.security.test/1");
    private static readonly string Pol2 = Reference("pol.security.test/2");
    private static readonly string Rus1 = Reference("rus.security.test/1");
    private static readonly string Deu1 = Reference("deu.security.test/1");

    public static IReadOnlyList<StorageAttack> All { get; } =
    [
        // meta: the counters and the origin.
        Sql("edit", "meta", "size lowered by one", "meta.size", r => $"UPDATE meta SET value = '{r.Size - 1}' WHERE name = 'size'"),
        Sql("edit", "meta", "size raised by one", "meta.size", r => $"UPDATE meta SET value = '{r.Size + 1}' WHERE name = 'size'"),
        Sql("edit", "meta", "size not a number", "meta.size", _ => "UPDATE meta SET value = 'many' WHERE name = 'size'"),
        Sql("edit", "meta", "accepted raised", "meta.accepted", r => $"UPDATE meta SET value = '{r.Size + 3}' WHERE name = 'accepted'"),
        Sql("edit", "meta", "origin relabelled", "meta.origin", _ => "UPDATE meta SET value = 'other.security.test' WHERE name = 'origin'"),
        Sql("delete", "meta", "size row deleted", "meta.size", _ => "DELETE FROM meta WHERE name = 'size'"),

        // enrolled_keys: the keys given from outside, the only key anchors.
        Sql("edit", "enrolled_keys", "a party's key replaced by another", "enrolled",
            _ => $"UPDATE enrolled_keys SET ref = '{Reference("attacker/1")}', vkey = '{Key("attacker/1")}' WHERE ref = '{Pol1}'"),
        Sql("edit", "enrolled_keys", "a key given to another party", "enrolled", _ => $"UPDATE enrolled_keys SET party = 'USA' WHERE ref = '{Rus1}'"),
        Sql("edit", "enrolled_keys", "a key enrolled only after its statements", "enrolled", r => $"UPDATE enrolled_keys SET position = {r.Size} WHERE ref = '{Rus1}'"),
        Sql("edit", "enrolled_keys", "stored key text not its reference", "enrolled_keys", _ => $"UPDATE enrolled_keys SET vkey = '{Key("attacker/2")}' WHERE ref = '{Rus1}'"),
        Sql("delete", "enrolled_keys", "a party's enrolment deleted", "enrolled", _ => $"DELETE FROM enrolled_keys WHERE ref = '{Rus1}'"),
        Sql("edit", "enrolled_keys", "a key enrolled after the first checkpoint moved to before it", "not those the log key signed",
            _ => $"UPDATE enrolled_keys SET position = 0 WHERE ref = '{Deu1}'"),
        Sql("edit", "enrolled_keys", "a key enrolled after the first checkpoint moved one entry earlier", "not those the log key signed",
            r => $"UPDATE enrolled_keys SET position = position - 1 WHERE ref = '{Deu1}'"),

        // facts: the body rules' cache of stated ids, derived from the entries' bodies.
        Sql("edit", "facts", "a fact's author changed", "cached fact 'pol-source' differs", _ => "UPDATE facts SET author = 'USA' WHERE id = 'pol-source'"),
        Sql("edit", "facts", "a fact's parties changed", "cached fact 'rus-source' differs", _ => "UPDATE facts SET parties = 'USA' WHERE id = 'rus-source'"),
        Sql("edit", "facts", "a fact moved to another entry", "'pol-source' its entry states is not cached", _ => "UPDATE facts SET idx = 0 WHERE id = 'pol-source'"),
        Sql("delete", "facts", "a fact deleted (its id would be admitted again)", "'rus-source' its entry states is not cached", _ => "DELETE FROM facts WHERE id = 'rus-source'"),
        Sql("delete", "facts", "every fact deleted", "is not cached", _ => "DELETE FROM facts"),
        Sql("insert", "facts", "a fact no entry states", "cached fact 'forged' that its entry does not state",
            _ => "INSERT INTO facts (id, kind, author, parties, idx, at) VALUES ('forged', 'source', 'USA', '', 2, '')"),

        // statement_keys: keys and revocations, derived from enrolments and key-event entries.
        Sql("edit", "statement_keys", "revoked key marked live", "statement_keys.revoked", _ => $"UPDATE statement_keys SET revoked = 0 WHERE ref = '{Pol2}'"),
        Sql("edit", "statement_keys", "live key marked revoked", "statement_keys.revoked", _ => $"UPDATE statement_keys SET revoked = 1 WHERE ref = '{Rus1}'"),
        Sql("edit", "statement_keys", "key given to another party", "statement_keys", _ => $"UPDATE statement_keys SET party = 'USA' WHERE ref = '{Rus1}'"),
        Sql("edit", "statement_keys", "key replaced by another", "statement_keys",
            _ => $"UPDATE statement_keys SET ref = '{Reference("attacker/1")}', vkey = '{Key("attacker/1")}' WHERE ref = '{Rus1}'"),
        Sql("delete", "statement_keys", "a key deleted", "statement_keys", _ => $"DELETE FROM statement_keys WHERE ref = '{Rus1}'"),
        Sql("insert", "statement_keys", "a key added", "statement_keys",
            _ => $"INSERT INTO statement_keys (ref, party, vkey, revoked) VALUES ('{Reference("attacker/1")}', 'USA', '{Key("attacker/1")}', 0)"),

        // sequences: each party's last sequence number.
        Sql("edit", "sequences", "a party's last sequence rolled back", "sequences", _ => "UPDATE sequences SET last_seq = last_seq - 1 WHERE party = 'RUS'"),
        Sql("delete", "sequences", "a party's row deleted", "sequences", _ => "DELETE FROM sequences WHERE party = 'RUS'"),
        Sql("insert", "sequences", "a row for a party with no statement", "sequences", _ => "INSERT INTO sequences (party, last_seq) VALUES ('GBR', 4)"),
        // Text planted in integer columns (SQLite keeps what it is given): verify names the table, it does not crash.
        Sql("edit", "sequences", "a last sequence made text", "sequences cannot be read as the store wrote it",
            _ => "UPDATE sequences SET last_seq = 'many' WHERE party = 'RUS'") with { SqliteOnly = true },
        Sql("edit", "nodes", "a node's index made text", "nodes cannot be read as the store wrote it",
            _ => "UPDATE nodes SET idx = 'x' WHERE level = 1 AND idx = 2") with { SqliteOnly = true },
        Sql("edit", "statement_keys", "a revoked flag made text", "statement_keys cannot be read as the store wrote it",
            _ => "UPDATE statement_keys SET revoked = 'yes'") with { SqliteOnly = true },

        // entries: the signed bytes and their cached columns.
        Sql("edit", "entries", "author column changed", "entries.author", _ => "UPDATE entries SET author = 'GBR' WHERE idx = 0"),
        Sql("edit", "entries", "seq column changed", "entries.seq", _ => "UPDATE entries SET seq = 999 WHERE idx = 1"),
        Sql("edit", "entries", "kind column changed", "entries.kind", _ => "UPDATE entries SET kind = 'observation' WHERE idx = 2"),
        Sql("edit", "entries", "leaf hash zeroed", "entry 3, entries", (r, b) => $"UPDATE entries SET leaf_hash = {b.Hex(new byte[32])} WHERE idx = 3"),
        new("edit", "entries", "a statement's body changed", "entry 5, entries", (b, r, _) =>
        {
            b.Sql(r.Connection, $"UPDATE entries SET entry = {b.Hex(ChangedEntry(b, r, 5))} WHERE idx = 5");
            return [];
        }),
        new("edit", "entries", "a body changed and its leaf hash fixed", "signature", (b, r, _) =>
        {
            var changed = ChangedEntry(b, r, 5);
            b.Sql(r.Connection, $"UPDATE entries SET entry = {b.Hex(changed)}, leaf_hash = {b.Hex(RecordHashing.LeafHash(changed).ToArray())} WHERE idx = 5");
            return [];
        }),
        Sql("delete", "entries", "an entry in the middle deleted", "entry 3 is not stored", _ => "DELETE FROM entries WHERE idx = 3"),
        Sql("delete", "entries", "the last entry deleted", "covers more entries than", r => $"DELETE FROM entries WHERE idx = {r.Size - 1}"),
        new("insert", "entries", "a pending entry slipped in behind the counters", "meta.accepted", (b, r, _) =>
        {
            b.Sql(r.Connection, $"INSERT INTO entries (idx, entry, leaf_hash, author, seq, kind) SELECT {r.Size}, entry, leaf_hash, 'GBR', 1, kind FROM entries WHERE idx = 0");
            return [];
        }),

        // nodes: the tree's cached hashes.
        Sql("edit", "nodes", "a node's hash changed", "nodes(level 1, index 2)", (r, b) => $"UPDATE nodes SET hash = {b.Hex(new byte[32])} WHERE level = 1 AND idx = 2"),
        Sql("delete", "nodes", "one node deleted", "nodes(level 2, index 1)", _ => "DELETE FROM nodes WHERE level = 2 AND idx = 1"),
        Sql("delete", "nodes", "every node deleted", "nodes(level 1, index 0)", _ => "DELETE FROM nodes"),
        Sql("insert", "nodes", "a node beyond the tree added", "nodes(level 1, index 1000000)",
            (r, b) => $"INSERT INTO nodes (level, idx, hash) VALUES (1, 1000000, {b.Hex(new byte[32])})"),

        // checkpoints: the log key's signatures.
        Sql("delete", "checkpoints", "every checkpoint deleted", "unauthenticated", _ => "DELETE FROM checkpoints"),
        Sql("delete", "checkpoints", "the latest checkpoint deleted", "unauthenticated", r => $"DELETE FROM checkpoints WHERE size = {r.Size}"),
        Sql("edit", "checkpoints", "the latest checkpoint's size column changed", "checkpoints", r => $"UPDATE checkpoints SET size = {r.Size + 100} WHERE size = {r.Size}"),
        Sql("delete", "checkpoints", "an older checkpoint deleted, the latest kept", "1 signed checkpoints were deleted",
            r => $"DELETE FROM checkpoints WHERE size = {Checkpoint.Parse(r.Checkpoints[0].Text).Size}"),
        Sql("delete", "checkpoints", "every checkpoint but the latest deleted", "2 signed checkpoints were deleted", r => $"DELETE FROM checkpoints WHERE size < {r.Size}"),
        Sql("edit", "checkpoints", "an older checkpoint deleted and every signed history removed", "has no signed history",
            r => $"DELETE FROM checkpoints WHERE size = {Checkpoint.Parse(r.Checkpoints[0].Text).Size}; UPDATE checkpoints SET history = NULL"),
        Sql("edit", "checkpoints", "the latest checkpoint given an older one's history", "one was replaced or added",
            r => $"UPDATE checkpoints SET history = (SELECT history FROM checkpoints WHERE size = {Checkpoint.Parse(r.Checkpoints[0].Text).Size}) WHERE size = {r.Size}"),
        new("edit", "checkpoints", "the latest history re-signed by another key", "signed history of the checkpoint", (b, r, _) =>
        {
            using var other = SigningKey.Demo(SomeRecord.Origin + "x");
            var history = SignedNote.Parse((string)b.Scalar(r.Connection, $"SELECT history FROM checkpoints WHERE size = {r.Size}")!);
            b.Sql(r.Connection, $"UPDATE checkpoints SET history = '{SignedNote.Sign(history.Text, other)}' WHERE size = {r.Size}");
            return [];
        }),
        new("edit", "checkpoints", "the latest checkpoint re-signed by another key", "checkpoints", (b, r, _) =>
        {
            using var other = SigningKey.Demo(SomeRecord.Origin + "x");
            var text = r.Checkpoints[^1].Text;
            b.Sql(r.Connection, $"UPDATE checkpoints SET note = '{SignedNote.Sign(text, other)}' WHERE size = {r.Size}");
            return [];
        }),
        new("insert", "checkpoints", "a forged checkpoint of a longer log", "checkpoints", (b, r, _) =>
        {
            using var other = SigningKey.Demo("forger.security.test");
            var note = new Checkpoint(SomeRecord.Origin, r.Size + 5, MerkleHash.Empty).Sign(other);
            b.Sql(r.Connection, $"INSERT INTO checkpoints (size, note) VALUES ({r.Size + 5}, '{note}')");
            return [];
        }),

        // batch_rows: observation rows beside the log, bound by their statement's digest.
        new("edit", "batch_rows", "a row's count changed", "batch_rows", (b, r, _) =>
        {
            var rows = Encoding.UTF8.GetString(SomeRecord.Rows(new("POL"), 0)).Replace("1000", "9999", StringComparison.Ordinal);
            b.Sql(r.Connection, $"UPDATE batch_rows SET encoding = 'identity', data = {b.Hex(Encoding.UTF8.GetBytes(rows))} WHERE sha256 = '{r.BatchDigests[0]}'");
            return [];
        }),
        Sql("edit", "batch_rows", "the rows column changed", "batch_rows", r => $"UPDATE batch_rows SET rows = 4 WHERE sha256 = '{r.BatchDigests[0]}'"),
        Sql("edit", "batch_rows", "rows replaced by a deflate bomb of 64 MB", "expand beyond",
            (r, b) => $"UPDATE batch_rows SET encoding = 'deflate', data = {b.Hex(Bomb(64 << 20))} WHERE sha256 = '{r.BatchDigests[0]}'"),
        Sql("delete", "batch_rows", "a batch's rows deleted", "batch_rows", r => $"DELETE FROM batch_rows WHERE sha256 = '{r.BatchDigests[1]}'"),
        Sql("insert", "batch_rows", "an orphan deflate bomb of 64 MB added", "belongs to no observation-batch statement",
            (r, b) => $"INSERT INTO batch_rows (sha256, rows, encoding, data) VALUES ('{new string('a', 64)}', 1, 'deflate', {b.Hex(Bomb(64 << 20))})"),

        // witnessed: this node's cosigned state of foreign logs.
        Sql("edit", "witnessed", "the cosigned size changed", "witnessed", _ => $"UPDATE witnessed SET size = 3 WHERE origin = '{SomeRecord.ForeignOrigin}'"),
        Sql("edit", "witnessed", "the cosigned root changed", "witnessed", (r, b) => $"UPDATE witnessed SET root = {b.Hex(new byte[32])} WHERE origin = '{SomeRecord.ForeignOrigin}'"),
        Sql("edit", "witnessed", "the kept checkpoint removed and the size lowered", "keeps no cosigned checkpoint",
            _ => $"UPDATE witnessed SET note = NULL, size = 3 WHERE origin = '{SomeRecord.ForeignOrigin}'"),
        new("edit", "witnessed", "the kept checkpoint replaced by an older one the witness never cosigned, size and root to match", "no valid cosignature", (b, r, _) =>
        {
            // The foreign log's own signature is genuine; only this witness's cosignature is missing (a rollback of what it vouched for).
            using var foreign = SigningKey.Demo(SomeRecord.ForeignOrigin);
            var log = new Record.Tiles.MemoryLog();
            for (var i = 0; i < 3; i++)
            {
                log.Append(Encoding.UTF8.GetBytes($"foreign entry {i}"));
            }

            var note = new Checkpoint(SomeRecord.ForeignOrigin, 3, log.RootHash(3)).Sign(foreign);
            b.Sql(r.Connection, $"UPDATE witnessed SET note = '{note}', size = 3, root = {b.Hex(log.RootHash(3).ToArray())} WHERE origin = '{SomeRecord.ForeignOrigin}'");
            return [];
        }),

        // Rollbacks and rewrites with every cache consistent: only a checkpoint the reader already trusts can tell.
        new("rollback", "entries", "an older copy of the store restored (trusted checkpoint kept from later)", "rolled back", (b, _, dir) =>
        {
            // Entries are deterministic (demo keys, fixed times), so the shorter record is the longer one's past.
            var older = SomeRecord.Build(b.NewConnection(), Plain);
            var later = SomeRecord.Build(b.NewConnection(), Plain with { Statements = Plain.Statements + 6 });
            return ["--db", older.Connection, "--trusted-checkpoint", later.Keep(later.Checkpoints[^1], dir)];
        }),
        new("rollback", "entries", "an older copy restored, the trusted checkpoint carrying a witness cosignature", "rolled back", (b, _, dir) =>
        {
            var older = SomeRecord.Build(b.NewConnection(), Plain);
            var later = SomeRecord.Build(b.NewConnection(), Plain with { Statements = Plain.Statements + 6 });
            using var witness = SigningKey.Demo("witness.security.test");
            var cosigned = later.Checkpoints[^1].WithSignature(Cosignature.Sign(witness, later.Checkpoints[^1].Text, 1_800_000_000));
            return ["--db", older.Connection, "--trusted-checkpoint", later.Keep(cosigned, dir)];
        }),
        new("rollback", "entries", "history rewritten and re-signed with the log key (a fork)", "rewritten", (b, r, dir) =>
        {
            // The same number of statements, by other parties: every table consistent, every checkpoint validly signed.
            // Two parties state one source fewer than three: one more position keeps the fork the same size.
            var fork = SomeRecord.Build(b.NewConnection(), r.Shape with { Parties = 2, Statements = r.Shape.Statements + 1 });
            return ["--db", fork.Connection, "--trusted-checkpoint", r.Keep(r.Checkpoints[^1], dir)];
        }),
        new("rollback", "checkpoints", "the checkpoints after a trusted one deleted", "checkpoints were deleted", (b, r, dir) =>
        {
            b.Sql(r.Connection, $"DELETE FROM checkpoints WHERE size > {Checkpoint.Parse(r.Checkpoints[0].Text).Size}");
            return ["--trusted-checkpoint", r.Keep(r.Checkpoints[^1], dir)];
        }),
        new("rollback", "entries", "a party's key replaced, its statements re-signed and every cache rebuilt, checkpoints dropped", "unauthenticated", (b, r, _) =>
        {
            var rewritten = SomeRecord.Build(b.NewConnection(), r.Shape with { Parties = 2 });
            b.Sql(rewritten.Connection, "DELETE FROM checkpoints");
            return ["--db", rewritten.Connection];
        }),

        // The SQLite file itself.
        new("corrupt", "database file", "an index page zeroed (a table scan would pass; the next append would break)", "malformed", (_, r, _) =>
        {
            ZeroPage(r.Connection, "sqlite_autoindex_entries_1");
            return [];
        }, SqliteOnly: true),
        new("corrupt", "database file", "the file header overwritten", "damaged", (_, r, _) =>
        {
            Checkpointed(r.Connection);
            using var file = new FileStream(r.Connection, FileMode.Open, FileAccess.Write);
            file.Write(new byte[100]);
            return [];
        }, SqliteOnly: true),
        new("corrupt", "database file", "the file truncated to half", "changed:", (_, r, _) =>
        {
            Checkpointed(r.Connection);
            using var file = new FileStream(r.Connection, FileMode.Open, FileAccess.Write);
            file.SetLength(file.Length / 2);
            return [];
        }, SqliteOnly: true),

        // PostgreSQL's own structures.
        PostgresIndex(),
    ];

    /// <summary>Damages an index of the entries table with the operator's (superuser) rights, as a bad disk or a bad restore would.</summary>
    private static StorageAttack PostgresIndex() => new("corrupt", "database file",
        "the entries index loses entry 3 (a table scan would pass; a lookup misses it and the index no longer enforces uniqueness)", "entries_pkey",
        (b, r, _) =>
        {
            // amcheck reads the index against the table; it is a contrib module of PostgreSQL, installed once per database.
            b.Sql(r.Connection, "CREATE EXTENSION IF NOT EXISTS amcheck SCHEMA public");
            b.Sql(r.Connection, "UPDATE pg_index SET indisready = false WHERE indexrelid = 'entries_pkey'::regclass");
            b.Sql(r.Connection, "CREATE TEMP TABLE moved AS SELECT * FROM entries WHERE idx = 3; DELETE FROM entries WHERE idx = 3; INSERT INTO entries SELECT * FROM moved");
            b.Sql(r.Connection, "UPDATE pg_index SET indisready = true WHERE indexrelid = 'entries_pkey'::regclass");
            return [];
        }, PostgresOnly: true);

    private static StorageAttack Sql(string kind, string table, string name, string expected, Func<BuiltRecord, string> sql) =>
        Sql(kind, table, name, expected, (r, _) => sql(r));

    private static StorageAttack Sql(string kind, string table, string name, string expected, Func<BuiltRecord, Backend, string> sql) =>
        new(kind, table, name, expected, (b, r, _) =>
        {
            b.Sql(r.Connection, sql(r, b));
            return [];
        });

    private static string Reference(string name)
    {
        using var key = SigningKey.Demo(name);
        return key.NoteKey.Reference.ToString();
    }

    private static string Key(string name)
    {
        using var key = SigningKey.Demo(name);
        return key.NoteKey.ToString();
    }

    private static byte[] ChangedEntry(Backend b, BuiltRecord r, long index)
    {
        var entry = (byte[])b.Scalar(r.Connection, $"SELECT entry FROM entries WHERE idx = {index}")!;
        var text = Encoding.UTF8.GetString(entry);
        Assert.Contains("red-line", text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace("red-line", "red-lime", StringComparison.Ordinal));
    }

    /// <summary>Raw DEFLATE of <paramref name="bytes"/> zero bytes: a few kilobytes that expand a thousand-fold.</summary>
    public static byte[] Bomb(int bytes)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var written = 0; written < bytes; written += zeros.Length)
            {
                deflate.Write(zeros);
            }
        }

        return output.ToArray();
    }

    private static void Checkpointed(string path)
    {
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            cmd.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Zeroes the root page of an index in the file, with nothing else touched.</summary>
    private static void ZeroPage(string path, string index)
    {
        Checkpointed(path);
        long page, size;
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT rootpage FROM sqlite_master WHERE name = '{index}'";
            page = (long)cmd.ExecuteScalar()!;
            cmd.CommandText = "PRAGMA page_size";
            size = (long)cmd.ExecuteScalar()!;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = (page - 1) * size;
        file.Write(new byte[size]);
    }
}
