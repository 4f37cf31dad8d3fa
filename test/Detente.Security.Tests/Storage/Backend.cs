using System.Data.Common;
using Detente.Storage.Tests.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Detente.Security.Tests.Storage;

/// <summary>Where a record under attack lives, and the operator's raw write access to it (SQL that bypasses the store).</summary>
public abstract class Backend : IDisposable
{
    /// <summary>A new, empty database for one record: a SQLite file or a PostgreSQL schema.</summary>
    public abstract string NewConnection();

    /// <summary>Runs SQL with the operator's rights, as an attacker with write access to the database would.</summary>
    public void Sql(string connection, string sql)
    {
        using var db = Open(connection);
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Reads one value with the operator's rights.</summary>
    public object? Scalar(string connection, string sql)
    {
        using var db = Open(connection);
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    /// <summary>A bytes literal in this backend's SQL.</summary>
    public abstract string Hex(byte[] bytes);

    /// <summary>The backend's name in test output.</summary>
    public abstract string Name { get; }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    protected abstract DbConnection Open(string connection);
}

/// <summary>Records in SQLite files under a temporary directory.</summary>
public sealed class SqliteBackend : Backend
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-security-").FullName;

    public override string Name => "SQLite";

    public override string NewConnection() => Path.Combine(_dir, $"{Guid.NewGuid():N}.db");

    public override string Hex(byte[] bytes) => $"X'{Convert.ToHexString(bytes)}'";

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        base.Dispose();
    }

    protected override DbConnection Open(string connection)
    {
        var db = new SqliteConnection($"Data Source={connection};Pooling=False");
        db.Open();
        return db;
    }
}

/// <summary>Records in PostgreSQL, one schema each (see the storage suite's <see cref="PostgresServer"/>).</summary>
public sealed class PostgresBackend(PostgresServer server) : Backend
{
    public override string Name => "PostgreSQL";

    public override string NewConnection() => server.NewSchema();

    public override string Hex(byte[] bytes) => $"'\\x{Convert.ToHexString(bytes)}'::bytea";

    protected override DbConnection Open(string connection)
    {
        var db = new NpgsqlConnection(connection);
        db.Open();
        return db;
    }
}
