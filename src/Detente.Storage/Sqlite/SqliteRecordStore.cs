using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Detente.Storage.Sqlite;

/// <summary>
/// The record in one SQLite file, for a single analyst: WAL journal, <c>synchronous=FULL</c> so a committed append or
/// integration survives power loss, and <c>BEGIN IMMEDIATE</c> write transactions so concurrent writers queue instead of failing late.
/// </summary>
public sealed class SqliteRecordStore : DbRecordStore
{
    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS enrolled_keys (ref TEXT PRIMARY KEY, party TEXT NOT NULL, vkey TEXT NOT NULL, position INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS statement_keys (ref TEXT PRIMARY KEY, party TEXT NOT NULL, vkey TEXT NOT NULL, revoked INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS sequences (party TEXT PRIMARY KEY, last_seq INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, entry BLOB NOT NULL, leaf_hash BLOB NOT NULL, "
            + "author TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, UNIQUE (author, seq))",
        "CREATE TABLE IF NOT EXISTS nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS witnessed (origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT)",
        "CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL, history TEXT)",
    ];

    private SqliteRecordStore(SqliteConnection connection, string origin)
        : base(connection, origin)
    {
    }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/> for the log <paramref name="origin"/>.</summary>
    public static SqliteRecordStore Open(string path, string origin)
    {
        ArgumentNullException.ThrowIfNull(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
                pragma.ExecuteNonQuery();
            }

            var store = new SqliteRecordStore(connection, origin);
            store.Initialise();
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new RecordStoreException(StorageMessages.Database("opening " + path) + ": " + e.Message, IsBusy(e), e, IsCorrupt(e));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The origin of the store in the file at <paramref name="path"/>; null when there is no such file or no store in it.</summary>
    public static string? ExistingOrigin(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return null;
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            return ReadOrigin(connection, e => e is SqliteException s && IsCorrupt(s));
        }
        catch (SqliteException e)
        {
            throw new RecordStoreException(StorageMessages.Database("opening " + path) + ": " + e.Message, IsBusy(e), e, IsCorrupt(e));
        }
    }

    /// <summary>Reads a PRAGMA on the store's own connection (e.g. <c>journal_mode</c>, <c>synchronous</c>), for diagnostics.</summary>
    public string? Pragma(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.All(c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            throw new ArgumentException(name, nameof(name));
        }

        using var cmd = Connection.CreateCommand();
        cmd.CommandText = "PRAGMA " + name;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    private protected override IReadOnlyList<string> SchemaStatements => Schema;

    /// <inheritdoc/>
    private protected override string FactsTable =>
        "CREATE TABLE IF NOT EXISTS facts (id TEXT PRIMARY KEY, kind TEXT NOT NULL, author TEXT NOT NULL, parties TEXT NOT NULL, idx INTEGER NOT NULL, at TEXT NOT NULL) WITHOUT ROWID";

    /// <inheritdoc/>
    private protected override DbCommand FactsWithIds(DbTransaction tx, IReadOnlyList<string> ids)
    {
        var cmd = Connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT id, kind, author, parties, idx, at FROM facts WHERE id IN (SELECT value FROM json_each(@ids))";
        cmd.Parameters.Add(new SqliteParameter("@ids", System.Text.Json.JsonSerializer.Serialize(ids)));
        return cmd;
    }

    /// <inheritdoc/>
    private protected override RowWriter Rows(DbTransaction tx, string table, params string[] columns) =>
        new StepRows((SqliteConnection)Connection, table, columns);

    /// <inheritdoc/>
    private protected override bool HasColumn(DbTransaction tx, string table, string column)
    {
        using var cmd = Connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info(@t) WHERE name = @c";
        cmd.Parameters.Add(new SqliteParameter("@t", table));
        cmd.Parameters.Add(new SqliteParameter("@c", column));
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <inheritdoc/>
    private protected override DbTransaction BeginWrite() => ((SqliteConnection)Connection).BeginTransaction(deferred: false);

    /// <inheritdoc/>
    private protected override bool IsTransient(DbException exception) => exception is SqliteException s && IsBusy(s);

    /// <inheritdoc/>
    private protected override bool IsCorruption(DbException exception) => exception is SqliteException s && IsCorrupt(s);

    /// <inheritdoc/>
    private protected override IReadOnlyList<string> IntegrityProblems()
    {
        // integrity_check also compares every index with its table: a zeroed or stale index page (which a table scan never
        // reads, but the next append does) is found here.
        var problems = new List<string>();
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check(20)";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var line = reader.GetString(0);
            if (line != "ok")
            {
                problems.Add(line);
            }
        }

        return problems;
    }

    // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another connection holds the lock; retrying later can succeed.
    private static bool IsBusy(SqliteException e) => e.SqliteErrorCode is 5 or 6;

    // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26): the file is damaged or is not a database at all.
    private static bool IsCorrupt(SqliteException e) => (e.SqliteErrorCode & 0xff) is 11 or 26;

    /// <summary>
    /// Rows written by one prepared single-row <c>INSERT</c>, stepped once per row with its values bound by position through
    /// SQLite's own interface (the connection's handle, inside the open transaction): no command object, no data reader and no
    /// bind by name per row, which cost more than SQLite's own insert of a row. Errors surface as <see cref="SqliteException"/>.
    /// </summary>
    private sealed class StepRows : RowWriter
    {
        private readonly SQLitePCL.sqlite3 _db;
        private readonly SQLitePCL.sqlite3_stmt _statement;
        private readonly int _columns;

        public StepRows(SqliteConnection connection, string table, string[] columns)
        {
            _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
            _columns = columns.Length;
            var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
            SqliteException.ThrowExceptionForRC(SQLitePCL.raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
        }

        public override void Add(object[] values)
        {
            if (values.Length != _columns)
            {
                throw new ArgumentException($"{values.Length} values for {_columns} columns", nameof(values));
            }

            for (var c = 0; c < values.Length; c++)
            {
                var rc = values[c] switch
                {
                    long l => SQLitePCL.raw.sqlite3_bind_int64(_statement, c + 1, l),
                    int i => SQLitePCL.raw.sqlite3_bind_int(_statement, c + 1, i),
                    string text => SQLitePCL.raw.sqlite3_bind_text(_statement, c + 1, text),
                    byte[] bytes => SQLitePCL.raw.sqlite3_bind_blob(_statement, c + 1, bytes),
                    var other => throw new ArgumentException(other?.GetType().Name, nameof(values)),
                };
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            var step = SQLitePCL.raw.sqlite3_step(_statement);
            SQLitePCL.raw.sqlite3_reset(_statement);
            if (step != SQLitePCL.raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(step, _db);
            }
        }

        public override void Flush()
        {
        }

        public override void Dispose() => _statement.Dispose();
    }
}
