using Detente.Storage.Postgres;
using Npgsql;

namespace Detente.Storage.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresRecordStoreTests(PostgresServer server) : RecordStoreSpecification
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

    protected override string HexLiteral(byte[] bytes) => $"'\\x{Convert.ToHexString(bytes)}'::bytea";

    [Fact]
    public void Open_OtherOrigin_Refused()
    {
        _ = Store.Size;
        Assert.Throws<ArgumentException>(() => PostgresRecordStore.Open(_connectionString, "another.log"));
    }
}
