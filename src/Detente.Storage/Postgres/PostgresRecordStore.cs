using System.Data;
using System.Data.Common;
using Npgsql;

namespace Detente.Storage.Postgres;

/// <summary>
/// The record in PostgreSQL, for a shared server with many writers: every write transaction first takes a transaction-scoped
/// advisory lock, so appends and integrations for one log are serialised across processes; commits are durable with the
/// server's default <c>synchronous_commit=on</c>.
/// </summary>
public sealed class PostgresRecordStore : DbRecordStore
{
    // An arbitrary constant that names "the record's write lock" among advisory locks in the database.
    private const long WriteLockKey = 0x64_6574_656e_7465;

    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS enrolled_keys (ref TEXT PRIMARY KEY, party TEXT NOT NULL, vkey TEXT NOT NULL, position BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS statement_keys (ref TEXT PRIMARY KEY, party TEXT NOT NULL, vkey TEXT NOT NULL, revoked INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS sequences (party TEXT PRIMARY KEY, last_seq BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS entries (idx BIGINT PRIMARY KEY, entry BYTEA NOT NULL, leaf_hash BYTEA NOT NULL, "
            + "author TEXT NOT NULL, seq BIGINT NOT NULL, kind TEXT NOT NULL, UNIQUE (author, seq))",
        "CREATE TABLE IF NOT EXISTS nodes (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (level, idx))",
        "CREATE TABLE IF NOT EXISTS witnessed (origin TEXT PRIMARY KEY, size BIGINT NOT NULL, root BYTEA NOT NULL, note TEXT)",
        "CREATE TABLE IF NOT EXISTS checkpoints (size BIGINT PRIMARY KEY, note TEXT NOT NULL, history TEXT)",
    ];

    private PostgresRecordStore(NpgsqlConnection connection, string origin)
        : base(connection, origin)
    {
    }

    /// <summary>Opens (creating tables if needed) the store in the database and schema named by <paramref name="connectionString"/>.</summary>
    public static PostgresRecordStore Open(string connectionString, string origin)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            var store = new PostgresRecordStore(connection, origin);
            store.Initialise();
            return store;
        }
        catch (NpgsqlException e)
        {
            connection.Dispose();
            throw new RecordStoreException(StorageMessages.Database("opening the PostgreSQL store") + ": " + e.Message, e.IsTransient, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The origin of the store in the database named by <paramref name="connectionString"/>; null when it holds none.</summary>
    public static string? ExistingOrigin(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        using var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            return ReadOrigin(connection, IsCorrupt);
        }
        catch (NpgsqlException e)
        {
            throw new RecordStoreException(StorageMessages.Database("opening the PostgreSQL store") + ": " + e.Message, e.IsTransient, e);
        }
    }

    /// <inheritdoc/>
    private protected override IReadOnlyList<string> SchemaStatements => Schema;

    /// <inheritdoc/>
    private protected override string FactsTable =>
        "CREATE TABLE IF NOT EXISTS facts (id TEXT PRIMARY KEY, kind TEXT NOT NULL, author TEXT NOT NULL, parties TEXT NOT NULL, idx BIGINT NOT NULL, at TEXT NOT NULL)";

    /// <inheritdoc/>
    private protected override DbTransaction BeginWrite()
    {
        var tx = ((NpgsqlConnection)Connection).BeginTransaction(IsolationLevel.ReadCommitted);
        try
        {
            using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", (NpgsqlConnection)Connection, tx);
            cmd.Parameters.AddWithValue("k", WriteLockKey);
            cmd.ExecuteNonQuery();
            return tx;
        }
        catch
        {
            tx.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    private protected override DbCommand FactsWithIds(DbTransaction tx, IReadOnlyList<string> ids)
    {
        var cmd = new NpgsqlCommand("SELECT id, kind, author, parties, idx, at FROM facts WHERE id = ANY(@ids)", (NpgsqlConnection)Connection, (NpgsqlTransaction)tx);
        cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = ids.ToArray() });
        return cmd;
    }

    /// <inheritdoc/>
    private protected override bool HasColumn(DbTransaction tx, string table, string column)
    {
        using var cmd = new NpgsqlCommand(
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t AND column_name = @c",
            (NpgsqlConnection)Connection, (NpgsqlTransaction)tx);
        cmd.Parameters.AddWithValue("t", table);
        cmd.Parameters.AddWithValue("c", column);
        return (long)cmd.ExecuteScalar()! > 0;
    }

    /// <inheritdoc/>
    private protected override RowWriter Rows(DbTransaction tx, string table, params string[] columns) =>
        new CopyRows((NpgsqlConnection)Connection, table, columns);

    /// <inheritdoc/>
    private protected override bool IsTransient(DbException exception) => exception is NpgsqlException { IsTransient: true };

    /// <inheritdoc/>
    private protected override bool IsCorruption(DbException exception) => IsCorrupt(exception);

    /// <inheritdoc/>
    private protected override IReadOnlyList<string> IntegrityProblems()
    {
        var connection = (NpgsqlConnection)Connection;
        var problems = new List<string>();
        var indices = new List<(string Name, bool Usable)>();
        using (var cmd = new NpgsqlCommand(
                   "SELECT c.relname, i.indisvalid AND i.indisready AND i.indislive FROM pg_index i "
                   + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_am a ON a.oid = c.relam "
                   + "WHERE t.relnamespace = current_schema()::regnamespace AND a.amname = 'btree' ORDER BY c.relname", connection))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                indices.Add((reader.GetString(0), reader.GetBoolean(1)));
            }
        }

        foreach (var (name, _) in indices.Where(i => !i.Usable))
        {
            // An index the catalogue marks invalid is not used by queries nor kept by writes: uniqueness goes unchecked.
            problems.Add($"index {name} is marked invalid or not ready in the catalogue");
        }

        // amcheck compares each B-tree index with its table (heapallindexed): an index that lost or gained entries — which a table
        // scan never notices, but a lookup or the next unique check does — is found. Checked only where the extension is installed.
        string? schema;
        using (var find = new NpgsqlCommand("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'amcheck'", connection))
        {
            schema = find.ExecuteScalar() as string;
        }
        if (schema is null)
        {
            return problems;
        }

        // Each index is checked inside an exception block that turns amcheck's error into a notice: an error raised to the client
        // (class XX) would end the connection.
        var sql = $$"""
            DO $check$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                       JOIN pg_am a ON a.oid = c.relam
                       WHERE t.relnamespace = current_schema()::regnamespace AND a.amname = 'btree' AND i.indisvalid AND i.indisready
                       ORDER BY c.relname LOOP
                BEGIN
                  PERFORM "{{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}}".bt_index_check(r.oid, true);
                EXCEPTION WHEN index_corrupted OR data_corrupted THEN
                  RAISE NOTICE 'detente-amcheck index %: %', r.relname, SQLERRM;
                END;
              END LOOP;
            END $check$
            """;
        void OnNotice(object? sender, NpgsqlNoticeEventArgs e)
        {
            if (e.Notice.MessageText.StartsWith("detente-amcheck ", StringComparison.Ordinal))
            {
                problems.Add(e.Notice.MessageText["detente-amcheck ".Length..]);
            }
        }

        connection.Notice += OnNotice;
        try
        {
            using var check = new NpgsqlCommand(sql, connection);
            check.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState is "42501")
        {
            // Not allowed to run amcheck: the indices stay unchecked, as without the extension.
        }
        finally
        {
            connection.Notice -= OnNotice;
        }

        return problems;
    }

    // SQLSTATE class XX: data_corrupted (XX001) and index_corrupted (XX002).
    private static bool IsCorrupt(DbException exception) => exception is PostgresException { SqlState: "XX001" or "XX002" };

    /// <summary>
    /// Rows written with one binary <c>COPY … FROM STDIN</c> in the open transaction: one round trip for the whole batch. Rows are held
    /// until <see cref="Flush"/>, so other commands can run on the connection while they are gathered.
    /// </summary>
    private sealed class CopyRows(NpgsqlConnection connection, string table, string[] columns) : RowWriter
    {
        private readonly List<object[]> _rows = [];

        public override void Add(object[] values) => _rows.Add(values);

        public override void Flush()
        {
            if (_rows.Count == 0)
            {
                return;
            }

            using (var importer = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in _rows)
                {
                    importer.StartRow();
                    foreach (var value in row)
                    {
                        switch (value)
                        {
                            case long l:
                                importer.Write(l, NpgsqlTypes.NpgsqlDbType.Bigint);
                                break;
                            case int i:
                                importer.Write(i, NpgsqlTypes.NpgsqlDbType.Integer);
                                break;
                            case string text:
                                importer.Write(text, NpgsqlTypes.NpgsqlDbType.Text);
                                break;
                            case byte[] bytes:
                                importer.Write(bytes, NpgsqlTypes.NpgsqlDbType.Bytea);
                                break;
                            default:
                                throw new ArgumentException(value?.GetType().Name, nameof(columns));
                        }
                    }
                }

                importer.Complete();
            }

            _rows.Clear();
        }
    }
}
