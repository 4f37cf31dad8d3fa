using Detente.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Detente.Storage.Tests.Sqlite;

public sealed class SqliteRecordStoreTests : RecordStoreSpecification
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"detente-record-{Guid.NewGuid():N}.db");

    protected override IRecordStore OpenStore() => SqliteRecordStore.Open(_path, Origin);

    protected override void Tamper(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    protected override void RawSql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    // As the store created them before schema versions were recorded (commits 7602d6e and 9439508).
    protected override IReadOnlyList<string> OldSchema(int version) =>
    [
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE enrolled_keys (ref TEXT PRIMARY KEY, party TEXT NOT NULL, vkey TEXT NOT NULL, position INTEGER NOT NULL)",
        "CREATE TABLE statement_keys (ref TEXT PRIMARY KEY, party TEXT NOT NULL, vkey TEXT NOT NULL, revoked INTEGER NOT NULL)",
        "CREATE TABLE sequences (party TEXT PRIMARY KEY, last_seq INTEGER NOT NULL)",
        version == 1
            ? "CREATE TABLE pending (id INTEGER PRIMARY KEY AUTOINCREMENT, entry BLOB NOT NULL)"
            : "CREATE TABLE pending (id INTEGER PRIMARY KEY AUTOINCREMENT, entry BLOB NOT NULL, author TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL)",
        "CREATE TABLE entries (idx INTEGER PRIMARY KEY, entry BLOB NOT NULL, leaf_hash BLOB NOT NULL, "
            + "author TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, UNIQUE (author, seq))",
        "CREATE TABLE nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID",
        "CREATE TABLE witnessed (origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL)",
        "CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL)",
    ];

    [Fact]
    public void Open_DatabaseInWalMode_AndStoreUsesSynchronousFull()
    {
        using var store = SqliteRecordStore.Open(_path, Origin);
        Assert.Equal("wal", store.Pragma("journal_mode"));
        Assert.Equal("2", store.Pragma("synchronous")); // 2 = FULL
    }

    [Fact]
    public void Open_OtherOrigin_Refused()
    {
        _ = Store.Size;
        Assert.Throws<ArgumentException>(() => SqliteRecordStore.Open(_path, "another.log"));
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
