using Detente.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Detente.Node.Tests.Appending;

/// <summary>The appender on a SQLite record in a temporary file.</summary>
public sealed class SqliteAppenderTests : AppenderSpecification
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"detente-appender-{Guid.NewGuid():N}.db");

    protected override IRecordStore OpenStore() => RecordStores.Open(_path, Origin);

    public override void Dispose()
    {
        base.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_path + suffix);
        }
    }
}

/// <summary>
/// The appender on PostgreSQL: the server named by <c>DETENTE_TEST_POSTGRES</c>, in a schema of its own. Without the variable the
/// tests fail saying so; they never pass silently.
/// </summary>
public sealed class PostgresAppenderTests : AppenderSpecification
{
    private readonly string _connection = NewSchema();

    protected override IRecordStore OpenStore() => Storage.Postgres.PostgresRecordStore.Open(_connection, Origin);

    private static string NewSchema()
    {
        var server = Environment.GetEnvironmentVariable("DETENTE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException("DETENTE_TEST_POSTGRES is not set: start PostgreSQL (./test.sh does) and set it, e.g. "
                                                + "DETENTE_TEST_POSTGRES=\"Host=127.0.0.1;Port=55440;Username=postgres;Database=postgres\"");
        }

        var schema = $"t_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(server) { Timeout = 300, CommandTimeout = 900 };
        using (var connection = new NpgsqlConnection(builder.ToString()))
        {
            connection.Open();
            using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            cmd.ExecuteNonQuery();
        }

        builder.SearchPath = schema;
        return builder.ToString();
    }
}
