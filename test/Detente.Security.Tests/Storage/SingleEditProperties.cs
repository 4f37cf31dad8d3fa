using System.Collections.Concurrent;
using System.Globalization;
using Detente.Storage.Tests.Postgres;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Detente.Security.Tests.Storage;

/// <summary>A single edit an operator makes to a stored record.</summary>
public enum StorageEdit
{
    EntryByte,
    LeafHashByte,
    AuthorColumn,
    SequenceColumn,
    KindColumn,
    NodeByte,
    NodeDeleted,
    LatestCheckpointDeleted,
    CheckpointTextChanged,
    RevokedFlipped,
    StatementKeyDeleted,
    SequenceChanged,
    SequenceDeleted,
    SizeChanged,
    AcceptedChanged,
    BatchByte,
    BatchDeleted,
    EnrolmentDeleted,
    WitnessedSizeChanged,
    WitnessedNoteReplaced,
    FactChanged,
    FactDeleted,
    OlderCheckpointDeleted,
    EnrolmentMovedEarlier,
}

/// <summary>
/// For random valid records (parties, statements, key rotations and revocations, observation batches, checkpoints, a witnessed
/// log) and a random single edit to any table, <c>record verify</c> exits 1 and names the edit. Edits that change nothing any
/// signature vouches for are not generated; docs/security.md lists them ("What is not protected").
/// </summary>
public abstract class SingleEditChecks(Backend backend, ITestOutputHelper output) : IDisposable
{
    private readonly ConcurrentDictionary<StorageEdit, int> _tried = new();

    public void Dispose()
    {
        backend.Dispose();
        GC.SuppressFinalize(this);
    }

    protected void Check(int cases)
    {
        var gen =
            from parties in Gen.Choose(1, 3)
            from statements in Gen.Choose(1, 30)
            from flags in Gen.Choose(0, 7)
            from batches in Gen.Choose(0, 2)
            from checkpoints in Gen.Choose(1, 3)
            from edit in Gen.Elements(Enum.GetValues<StorageEdit>())
            from a in Gen.Choose(0, 1_000_000)
            from b in Gen.Choose(0, 1_000_000)
            select (Shape: new RecordShape(parties, statements, (flags & 1) != 0, (flags & 2) != 0, batches, checkpoints, (flags & 4) != 0), Edit: edit, A: a, B: b);
        var property = Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var record = SomeRecord.Build(backend.NewConnection(), c.Shape);
            var (edit, expected) = Apply(record, c.Edit, c.A, c.B);
            _tried.AddOrUpdate(edit, 1, (_, n) => n + 1);
            using var witness = SomeRecord.WitnessKey();
            var result = Cli.Run("record", "verify", "--db", record.Connection, "--vkey", record.LogKey.ToString(), "--witness-vkey", witness.CosignerKey.ToString());
            return (result.ExitCode == 1 && result.All.Contains(expected, StringComparison.Ordinal))
                .Label($"{c.Shape}, {edit} ({c.A}, {c.B}): expected exit 1 naming '{expected}', got exit {result.ExitCode}: {result.All}");
        });
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases), property);
        output.WriteLine($"{backend.Name}: {_tried.Values.Sum()} random records, each with one random edit; every edit detected and named");
        foreach (var (edit, n) in _tried.OrderBy(p => p.Key))
        {
            output.WriteLine($"  {edit,-24} {n,3}");
        }
    }

    /// <summary>Makes the edit (or, where the record has nothing to edit that way, a byte change in an entry); returns it and the words verify must say.</summary>
    private (StorageEdit Edit, string Expected) Apply(BuiltRecord r, StorageEdit edit, int a, int b)
    {
        string Sql(string sql)
        {
            backend.Sql(r.Connection, sql);
            return sql;
        }

        long Count(string sql) => Convert.ToInt64(backend.Scalar(r.Connection, sql), CultureInfo.InvariantCulture);
        var index = a % r.Size;
        switch (edit)
        {
            case StorageEdit.LeafHashByte:
                Sql($"UPDATE entries SET leaf_hash = {backend.Hex(Flip((byte[])backend.Scalar(r.Connection, $"SELECT leaf_hash FROM entries WHERE idx = {index}")!, b))} WHERE idx = {index}");
                return (edit, $"entry {index}, entries");
            case StorageEdit.AuthorColumn:
                Sql($"UPDATE entries SET author = 'ZZZ' WHERE idx = {index}");
                return (edit, "entries.author");
            case StorageEdit.SequenceColumn:
                Sql($"UPDATE entries SET seq = seq + 1000 WHERE idx = {index}");
                return (edit, "entries.seq");
            case StorageEdit.KindColumn:
                Sql($"UPDATE entries SET kind = CASE WHEN kind = 'position' THEN 'source' ELSE 'position' END WHERE idx = {index}");
                return (edit, "entries.kind");
            case StorageEdit.NodeByte or StorageEdit.NodeDeleted when Count("SELECT COUNT(*) FROM nodes") > 0:
            {
                var offset = a % Count("SELECT COUNT(*) FROM nodes");
                var level = Count($"SELECT level FROM nodes ORDER BY level, idx LIMIT 1 OFFSET {offset}");
                var idx = Count($"SELECT idx FROM nodes ORDER BY level, idx LIMIT 1 OFFSET {offset}");
                if (edit == StorageEdit.NodeDeleted)
                {
                    Sql($"DELETE FROM nodes WHERE level = {level} AND idx = {idx}");
                }
                else
                {
                    var hash = (byte[])backend.Scalar(r.Connection, $"SELECT hash FROM nodes WHERE level = {level} AND idx = {idx}")!;
                    Sql($"UPDATE nodes SET hash = {backend.Hex(Flip(hash, b))} WHERE level = {level} AND idx = {idx}");
                }

                return (edit, $"nodes(level {level}, index {idx})");
            }

            case StorageEdit.LatestCheckpointDeleted:
                Sql($"DELETE FROM checkpoints WHERE size = {r.Size}");
                return (edit, "unauthenticated");
            case StorageEdit.CheckpointTextChanged:
            {
                // The root line's first base64 character, changed: the log key's signature no longer covers the text.
                var note = (string)backend.Scalar(r.Connection, $"SELECT note FROM checkpoints WHERE size = {r.Size}")!;
                var lines = note.Split('\n');
                lines[2] = (lines[2][0] == 'A' ? 'B' : 'A') + lines[2][1..];
                Sql($"UPDATE checkpoints SET note = '{string.Join('\n', lines)}' WHERE size = {r.Size}");
                return (edit, "checkpoints");
            }

            case StorageEdit.RevokedFlipped or StorageEdit.StatementKeyDeleted:
            {
                var reference = (string)backend.Scalar(r.Connection, $"SELECT ref FROM statement_keys ORDER BY ref LIMIT 1 OFFSET {a % Count("SELECT COUNT(*) FROM statement_keys")}")!;
                Sql(edit == StorageEdit.RevokedFlipped
                    ? $"UPDATE statement_keys SET revoked = 1 - revoked WHERE ref = '{reference}'"
                    : $"DELETE FROM statement_keys WHERE ref = '{reference}'");
                return (edit, "statement_keys");
            }

            case StorageEdit.SequenceChanged or StorageEdit.SequenceDeleted:
            {
                var party = (string)backend.Scalar(r.Connection, $"SELECT party FROM sequences ORDER BY party LIMIT 1 OFFSET {a % Count("SELECT COUNT(*) FROM sequences")}")!;
                Sql(edit == StorageEdit.SequenceChanged
                    ? $"UPDATE sequences SET last_seq = last_seq + {(b % 5) + 1} WHERE party = '{party}'"
                    : $"DELETE FROM sequences WHERE party = '{party}'");
                return (edit, "sequences");
            }

            case StorageEdit.SizeChanged or StorageEdit.AcceptedChanged:
            {
                var name = edit == StorageEdit.SizeChanged ? "size" : "accepted";
                var delta = (b % 3) + 1;
                var value = r.Size - delta >= 0 && a % 2 == 0 ? r.Size - delta : r.Size + delta;
                Sql($"UPDATE meta SET value = '{value}' WHERE name = '{name}'");
                return (edit, "meta." + name);
            }

            case StorageEdit.BatchByte or StorageEdit.BatchDeleted when r.BatchDigests.Count > 0:
            {
                var sha = r.BatchDigests[a % r.BatchDigests.Count];
                if (edit == StorageEdit.BatchDeleted)
                {
                    Sql($"DELETE FROM batch_rows WHERE sha256 = '{sha}'");
                }
                else
                {
                    // A byte of the first half of the deflated rows: past the end-of-block code, changed bits would not change the rows.
                    var data = (byte[])backend.Scalar(r.Connection, $"SELECT data FROM batch_rows WHERE sha256 = '{sha}'")!;
                    data[b % Math.Max(1, data.Length / 2)] ^= 0x10;
                    Sql($"UPDATE batch_rows SET data = {backend.Hex(data)} WHERE sha256 = '{sha}'");
                }

                return (edit, "batch_rows");
            }

            case StorageEdit.EnrolmentDeleted:
            {
                var reference = (string)backend.Scalar(r.Connection, $"SELECT ref FROM enrolled_keys ORDER BY ref LIMIT 1 OFFSET {a % Count("SELECT COUNT(*) FROM enrolled_keys")}")!;
                Sql($"DELETE FROM enrolled_keys WHERE ref = '{reference}'");
                return (edit, "enrolled");
            }

            case StorageEdit.WitnessedSizeChanged when r.Shape.Witnessed:
                Sql($"UPDATE witnessed SET size = size + {(b % 5) + 1}");
                return (edit, "witnessed");
            case StorageEdit.WitnessedNoteReplaced when r.Shape.Witnessed:
            {
                // The kept checkpoint re-signed by its own log key only: consistent with the row, but never cosigned by this witness.
                using var foreign = Record.Keys.SigningKey.Demo(SomeRecord.ForeignOrigin);
                var kept = Record.Notes.SignedNote.Parse((string)backend.Scalar(r.Connection, "SELECT note FROM witnessed")!);
                Sql($"UPDATE witnessed SET note = '{Record.Notes.SignedNote.Sign(kept.Text, foreign)}'");
                return (edit, "no valid cosignature");
            }

            case StorageEdit.FactChanged or StorageEdit.FactDeleted when Count("SELECT COUNT(*) FROM facts") > 0:
            {
                var id = (string)backend.Scalar(r.Connection, $"SELECT id FROM facts ORDER BY id LIMIT 1 OFFSET {a % Count("SELECT COUNT(*) FROM facts")}")!;
                Sql(edit == StorageEdit.FactDeleted ? $"DELETE FROM facts WHERE id = '{id}'" : $"UPDATE facts SET author = 'ZZZ' WHERE id = '{id}'");
                return (edit, edit == StorageEdit.FactDeleted ? $"'{id}' its entry states is not cached" : $"cached fact '{id}' differs");
            }

            case StorageEdit.OlderCheckpointDeleted when Count($"SELECT COUNT(*) FROM checkpoints WHERE size < {r.Size}") > 0:
            {
                var size = Count($"SELECT size FROM checkpoints WHERE size < {r.Size} ORDER BY size LIMIT 1 OFFSET {a % Count($"SELECT COUNT(*) FROM checkpoints WHERE size < {r.Size}")}");
                Sql($"DELETE FROM checkpoints WHERE size = {size}");
                return (edit, "1 signed checkpoints were deleted");
            }

            case StorageEdit.EnrolmentMovedEarlier when Count("SELECT COUNT(*) FROM enrolled_keys WHERE position > 0") > 0:
                Sql($"UPDATE enrolled_keys SET position = {b} % position WHERE position > 0");
                return (edit, "not those the log key signed");
            default:
            {
                var entry = (byte[])backend.Scalar(r.Connection, $"SELECT entry FROM entries WHERE idx = {index}")!;
                Sql($"UPDATE entries SET entry = {backend.Hex(Flip(entry, b))} WHERE idx = {index}");
                return (StorageEdit.EntryByte, $"entry {index}, entries");
            }
        }
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at % copy.Length] ^= 0x01;
        return copy;
    }
}

public sealed class SqliteSingleEditProperties(ITestOutputHelper output) : SingleEditChecks(new SqliteBackend(), output)
{
    [Fact]
    public void RandomRecordAndRandomSingleEdit_VerifyExitsOneNamingTheEdit() => Check(60);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSingleEditProperties(PostgresServer server, ITestOutputHelper output) : SingleEditChecks(new PostgresBackend(server), output)
{
    [Fact]
    public void RandomRecordAndRandomSingleEdit_VerifyExitsOneNamingTheEdit() => Check(25);
}
