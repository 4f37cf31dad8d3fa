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

    protected override void RawSql(string sql)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        cmd.ExecuteNonQuery();
    }

    // As the store created them before schema versions were recorded (commits fbf0bb2 and 9439508).
    protected override IReadOnlyList<string> OldSchema(int version) =>
    [
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE enrolled_keys (ref TEXT PRIMARY KEY, party TEXT NOT NULL, vkey TEXT NOT NULL, position BIGINT NOT NULL)",
        "CREATE TABLE statement_keys (ref TEXT PRIMARY KEY, party TEXT NOT NULL, vkey TEXT NOT NULL, revoked INTEGER NOT NULL)",
        "CREATE TABLE sequences (party TEXT PRIMARY KEY, last_seq BIGINT NOT NULL)",
        version == 1
            ? "CREATE TABLE pending (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, entry BYTEA NOT NULL)"
            : "CREATE TABLE pending (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, entry BYTEA NOT NULL, author TEXT NOT NULL, seq BIGINT NOT NULL, kind TEXT NOT NULL)",
        "CREATE TABLE entries (idx BIGINT PRIMARY KEY, entry BYTEA NOT NULL, leaf_hash BYTEA NOT NULL, "
            + "author TEXT NOT NULL, seq BIGINT NOT NULL, kind TEXT NOT NULL, UNIQUE (author, seq))",
        "CREATE TABLE nodes (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (level, idx))",
        "CREATE TABLE witnessed (origin TEXT PRIMARY KEY, size BIGINT NOT NULL, root BYTEA NOT NULL)",
        "CREATE TABLE checkpoints (size BIGINT PRIMARY KEY, note TEXT NOT NULL)",
    ];

    [Fact]
    public void Open_OtherOrigin_Refused()
    {
        _ = Store.Size;
        Assert.Throws<ArgumentException>(() => PostgresRecordStore.Open(_connectionString, "another.log"));
    }
}
