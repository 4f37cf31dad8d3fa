using System.Globalization;
using Detente.Storage.Postgres;
using Detente.Storage.Sqlite;
using Npgsql;

namespace Detente.Storage;

/// <summary>
/// Opens a store from what a person types: a file path for SQLite, or a PostgreSQL connection string (<c>Host=…</c>) or URL
/// (<c>postgres://user:password@host:port/database</c>).
/// </summary>
public static class RecordStores
{
    /// <summary>True when <paramref name="connection"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool IsPostgres(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            || connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Opens (creating if needed) the store for the log <paramref name="origin"/>.</summary>
    public static IRecordStore Open(string connection, string origin) =>
        IsPostgres(connection)
            ? PostgresRecordStore.Open(ConnectionString(connection), origin)
            : SqliteRecordStore.Open(connection, origin);

    /// <summary>The origin of an existing store; null when there is none at <paramref name="connection"/>.</summary>
    public static string? ExistingOrigin(string connection) =>
        IsPostgres(connection)
            ? PostgresRecordStore.ExistingOrigin(ConnectionString(connection))
            : SqliteRecordStore.ExistingOrigin(connection);

    /// <summary>Turns a <c>postgres://</c> URL into an Npgsql connection string; other text is returned unchanged.</summary>
    public static string ConnectionString(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!connection.Contains("://", StringComparison.Ordinal))
        {
            return connection;
        }

        var uri = new Uri(connection);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.TrimStart('/') is { Length: > 0 } db ? Uri.UnescapeDataString(db) : "postgres",
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }

        return builder.ToString().ToString(CultureInfo.InvariantCulture);
    }
}
