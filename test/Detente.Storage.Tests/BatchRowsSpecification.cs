using System.Security.Cryptography;
using System.Text;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage.Postgres;
using Detente.Storage.Sqlite;
using Detente.Storage.Tests.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Detente.Storage.Tests;

/// <summary>Observation batch rows beside the log, on every backend: stored with their statement, read back, re-hashed by verify.</summary>
public abstract class BatchRowsSpecification : IDisposable
{
    protected const string Origin = "log.detente.test/demo";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
    private static readonly PartyId Monitor = new("OSCE");
    private readonly SigningKey _key = SigningKey.Demo("osce.detente.test/statements/1");
    private IRecordStore? _store;

    private IRecordStore Store
    {
        get
        {
            if (_store is null)
            {
                _store = OpenStore();
                _store.Enrol(Monitor, _key.NoteKey);
            }

            return _store;
        }
    }

    private IBatchRowStore Batches => (IBatchRowStore)Store;

    protected abstract IRecordStore OpenStore();

    /// <summary>Runs raw SQL against the backend's database, bypassing the store (how tests simulate tampering).</summary>
    protected abstract void Tamper(string sql);

    public virtual void Dispose()
    {
        _store?.Dispose();
        _key.Dispose();
        GC.SuppressFinalize(this);
    }

    private static BatchRows Rows(params string[] rows)
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => r + "\n")));
        return new BatchRows(Convert.ToHexStringLower(SHA256.HashData(data)), rows.Length, data);
    }

    private byte[] Statement(long seq, BatchRows batch, long? rows = null) => [.. SignedStatement.Sign(
        new Statement(StatementKind.ObservationBatch, Monitor, _key.NoteKey.Reference, seq, Now,
            $$"""{"rows":{{rows ?? batch.Rows}},"sha256":"{{batch.Sha256}}"}"""), _key).Entry];

    [Fact]
    public void Append_StoresRowsAndStatement_DigestMatchesObservationBatch()
    {
        var batch = Rows("""{"count":1,"observer":"OSCE","party":"RUS"}""", """{"count":2,"observer":"OSCE","party":"RUS"}""");
        Assert.Equal(ObservationBatch.Digest([Encoding.UTF8.GetBytes("""{"party":"RUS","observer":"OSCE","count":1}"""),
                Encoding.UTF8.GetBytes("""{"count":2,"observer":"OSCE","party":"RUS"}""")]),
            batch.Sha256);
        var checks = Batches.AppendObservationBatches([batch], [Statement(1, batch)], Now);
        Assert.True(checks.Single().IsAccepted, checks.Single().Message);
        Store.Integrate();
        Assert.Equal(1, Store.Size);
        Assert.Equal(batch.Data.ToArray(), Batches.ReadBatchRows(batch.Sha256));
        Assert.True(Batches.VerifyBatches().IsValid);
        Assert.Equal(2, Store.State.NextSequence(Monitor));
    }

    // Bad inputs tried: the second of two statements replays a sequence number; neither statement nor any rows are stored.
    [Fact]
    public void Append_OneRejected_NothingWritten()
    {
        var a = Rows("""{"count":1,"observer":"OSCE"}""");
        var b = Rows("""{"count":2,"observer":"OSCE"}""");
        var checks = Batches.AppendObservationBatches([a, b], [Statement(1, a), Statement(1, b)], Now);
        Assert.Equal([true, false], checks.Select(c => c.IsAccepted));
        Assert.Equal(0, Store.PendingCount);
        Assert.Null(Batches.ReadBatchRows(a.Sha256));
        Assert.Equal(1, Store.State.NextSequence(Monitor));
    }

    // Bad input tried: a stored row changed after recording.
    [Fact]
    public void Verify_ChangedRow_Reported()
    {
        var batch = Rows("""{"count":30000,"observer":"OSCE","party":"RUS"}""");
        Assert.True(Batches.AppendObservationBatches([batch], [Statement(1, batch)], Now).Single().IsAccepted);
        Store.Integrate();
        Tamper($"UPDATE batch_rows SET data = {Blob(Encoding.UTF8.GetBytes("{\"count\":3000,\"party\":\"RUS\"}\n"))} WHERE sha256 = '{batch.Sha256}'");
        var report = Batches.VerifyBatches();
        Assert.False(report.IsValid);
        Assert.Contains(batch.Sha256, report.ToString());
    }

    // Bad input tried: a batch statement whose row count differs from the rows stored with it (rejected by the body rule
    // batch-rows-stored before anything is written, where it used to be found only by verify).
    [Fact]
    public void Append_StatementRowCountDiffers_RejectedNothingWritten()
    {
        var batch = Rows("""{"count":1,"observer":"OSCE"}""");
        var check = Batches.AppendObservationBatches([batch], [Statement(1, batch, rows: 2)], Now).Single();
        Assert.False(check.IsAccepted);
        Assert.Equal("batch-rows-stored", check.Rule?.Name);
        Assert.Equal(0, Store.PendingCount);
        Assert.Null(Batches.ReadBatchRows(batch.Sha256));
    }

    /// <summary>A SQL literal for a blob.</summary>
    protected virtual string Blob(byte[] bytes) => $"X'{Convert.ToHexString(bytes)}'";
}

public sealed class SqliteBatchRowsTests : BatchRowsSpecification
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"detente-batches-{Guid.NewGuid():N}.db");

    protected override IRecordStore OpenStore() => SqliteRecordStore.Open(_path, Origin);

    protected override void Tamper(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    public override void Dispose()
    {
        base.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBatchRowsTests(PostgresServer server) : BatchRowsSpecification
{
    private readonly string _connectionString = server.NewSchema();

    protected override IRecordStore OpenStore() => PostgresRecordStore.Open(_connectionString, Origin);

    protected override void Tamper(string sql)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    protected override string Blob(byte[] bytes) => $"'\\x{Convert.ToHexString(bytes)}'::bytea";
}
