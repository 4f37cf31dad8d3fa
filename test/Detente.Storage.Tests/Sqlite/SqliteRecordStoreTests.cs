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
