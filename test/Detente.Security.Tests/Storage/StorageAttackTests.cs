using Detente.Record.Keys;
using Detente.Storage.Tests.Postgres;
using Xunit.Abstractions;

namespace Detente.Security.Tests.Storage;

/// <summary>
/// An operator with write access to the database attacks every table of the store — edits, deletes, inserts, rollbacks, a damaged
/// file — and <c>record verify</c>, trusting only signatures, must exit 1 and name what changed (attack 3 of issue 14).
/// </summary>
public abstract class StorageAttackChecks(Backend backend, ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-attacks-").FullName;

    protected Backend Backend { get; } = backend;

    public void Dispose()
    {
        Backend.Dispose();
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs <c>record verify</c> on the record with the log's verifier key (and any extra arguments, which may name another database).</summary>
    private protected static Cli.Result Verify(BuiltRecord record, params string[] extra) =>
        Cli.Run(["record", "verify", "--vkey", record.LogKey.ToString(), "--witness-vkey", WitnessKey,
            .. extra.Contains("--db") ? extra : ["--db", record.Connection, .. extra]]);

    /// <summary>The cosigner key of the node's witness, as its keyring would give it.</summary>
    private static readonly string WitnessKey = WitnessVkey();

    private static string WitnessVkey()
    {
        using var key = SomeRecord.WitnessKey();
        return key.CosignerKey.ToString();
    }

    [Fact]
    public void EveryTableEditedDeletedInsertedRolledBack_VerifyExitsOneNamingTheEdit()
    {
        var attacks = StorageAttacks.All.Where(a => (!a.SqliteOnly || Backend is SqliteBackend) && (!a.PostgresOnly || Backend is PostgresBackend)).ToList();
        var missed = new List<string>();
        var detected = new List<StorageAttack>();
        foreach (var attack in attacks)
        {
            var record = SomeRecord.Build(Backend.NewConnection());
            var before = Verify(record);
            Assert.True(before.ExitCode == 0, $"{attack}: the intact record does not verify: {before.All}");
            var extra = attack.Apply(Backend, record, _dir);
            var after = Verify(record, extra);
            if (after.ExitCode == 1 && after.All.Contains(attack.Expected, StringComparison.Ordinal))
            {
                detected.Add(attack);
            }
            else
            {
                missed.Add($"{attack}: exit {after.ExitCode}, expected '{attack.Expected}' in: {after.All}");
            }
        }

        output.WriteLine($"{Backend.Name}: {attacks.Count} attacks tried, {detected.Count} detected (exit 1, the edit named)");
        foreach (var group in attacks.GroupBy(a => a.Class))
        {
            output.WriteLine($"  {group.Key,-9} {group.Count(),3} tried, {group.Count(detected.Contains),3} detected ({string.Join(", ", group.Select(a => a.Table).Distinct())})");
        }

        foreach (var group in attacks.GroupBy(a => a.Table))
        {
            output.WriteLine($"  table {group.Key,-15} {group.Count(),3} tried, {group.Count(detected.Contains),3} detected");
        }

        Assert.True(missed.Count == 0, string.Join("\n", missed));
    }

    [Fact]
    public void Verify_IntactRecordWithTrustedCheckpoint_ExitsZeroAndSaysConsistent()
    {
        var record = SomeRecord.Build(Backend.NewConnection());
        var result = Verify(record, "--trusted-checkpoint", record.Keep(record.Checkpoints[0], _dir));
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"verified {record.Size} entries", result.Output, StringComparison.Ordinal);
        Assert.Contains("consistent with the trusted checkpoint", result.Output, StringComparison.Ordinal);
    }

    // Bad inputs tried: a trusted checkpoint signed by another key, one of another log, and a file that is no checkpoint.
    [Fact]
    public void Verify_UntrustworthyTrustedCheckpoint_ExitsTwoNamingIt()
    {
        var record = SomeRecord.Build(Backend.NewConnection(), StorageAttacks.Plain);
        using var other = SigningKey.Demo("other.security.test");
        var foreign = Record.Notes.SignedNote.Sign(record.Checkpoints[^1].Text, other);
        var otherLog = new Record.Notes.Checkpoint("other.security.test", 1, Record.Merkle.MerkleHash.Empty).Sign(other);
        var junk = Path.Combine(_dir, "junk");
        File.WriteAllText(junk, "not a checkpoint\n");
        foreach (var path in new[] { record.Keep(foreign, _dir), record.Keep(otherLog, _dir), junk })
        {
            var result = Verify(record, "--trusted-checkpoint", path);
            Assert.True(result.ExitCode == 2, result.All);
            Assert.Contains("--trusted-checkpoint", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_PendingAndUncheckpointedEntries_ReportedUnauthenticated()
    {
        var record = SomeRecord.Build(Backend.NewConnection(), StorageAttacks.Plain);
        using (var store = Detente.Storage.RecordStores.Open(record.Connection, SomeRecord.Origin))
        {
            // Appended through the store, as an honest node would, but not yet covered by a checkpoint.
            using var key = SigningKey.Demo("pol.security.test/1");
            var next = store.State.NextSequence(new Core.PartyId("POL"));
            var statement = new Record.Statements.Statement(Core.StatementKind.Position, new Core.PartyId("POL"), key.NoteKey.Reference,
                next, DateTimeOffset.UtcNow, """{"issue":"x","stance":"demand"}""");
            Assert.True(store.Append(Record.Statements.SignedStatement.Sign(statement, key).Entry.AsSpan(), DateTimeOffset.UtcNow).IsAccepted);
        }

        var result = Verify(record);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"unauthenticated: entries {record.Size}–{record.Size}", result.Output, StringComparison.Ordinal);
        Assert.Contains("(0 integrated, 1 pending)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("changed:", result.Output, StringComparison.Ordinal);
    }

    // Bad inputs tried: every node deleted, then an inclusion proof and a tile export asked for.
    [Fact]
    public void ProveAndExportTiles_NodesDeleted_ReportDamageWithoutCrash()
    {
        var record = SomeRecord.Build(Backend.NewConnection());
        var keyring = Path.Combine(_dir, $"keyring-{Guid.NewGuid():N}.json");
        using (var logKey = SomeRecord.LogKey())
        {
            Keyring.Empty.Add(logKey, KeyPurpose.Log).Save(keyring);
        }

        Backend.Sql(record.Connection, "DELETE FROM nodes");
        var prove = Cli.Run("record", "prove", "--index", "3", "--db", record.Connection, "--keyring", keyring);
        Assert.True(prove.ExitCode == 1, prove.All);
        Assert.Contains("not stored", prove.Error, StringComparison.Ordinal);
        var export = Cli.Run("record", "export-tiles", Path.Combine(_dir, "tiles"), "--db", record.Connection, "--keyring", keyring);
        Assert.True(export.ExitCode == 1, export.All);
        Assert.Contains("record verify", export.Error, StringComparison.Ordinal);
    }
}

public sealed class SqliteStorageAttackTests(ITestOutputHelper output) : StorageAttackChecks(new SqliteBackend(), output)
{
    // Bad input tried: a file that is not a database at all, in place of the record.
    [Fact]
    public void Verify_FileThatIsNoDatabase_ExitsOneNotNoRecord()
    {
        var path = Backend.NewConnection();
        File.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(new string('x', 8192)));
        using var logKey = SomeRecord.LogKey();
        var result = Cli.Run("record", "verify", "--db", path, "--vkey", logKey.NoteKey.ToString());
        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("damaged", result.Output, StringComparison.Ordinal);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageAttackTests(PostgresServer server, ITestOutputHelper output) : StorageAttackChecks(new PostgresBackend(server), output);
