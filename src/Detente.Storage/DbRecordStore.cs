using System.Data;
using System.Data.Common;
using System.Globalization;
using Detente.Core;
using Detente.Record;
using Detente.Record.Admission;
using Detente.Record.Canonical;
using Detente.Record.Driver;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;
using Detente.Record.Witness;

namespace Detente.Storage;

/// <summary>
/// The record store over any ADO.NET database; the SQLite and PostgreSQL stores differ only in schema, write locking, bulk row
/// writing and which errors are transient. Tables: <c>meta</c> (origin, schema version, <c>size</c> = integrated entries,
/// <c>accepted</c> = sequenced entries), <c>enrolled_keys</c> (keys given from outside, with the log position they apply from),
/// <c>statement_keys</c> and <c>sequences</c> (the validation state), <c>entries</c> (index, raw entry, leaf hash, author, sequence,
/// kind: an accepted statement gets its index when it is appended; entries at or beyond <c>size</c> are pending), <c>nodes</c>
/// (complete subtree hashes above the leaves), <c>checkpoints</c> and <c>witnessed</c> (the latest checkpoint this node cosigned per
/// foreign log).
/// </summary>
public abstract partial class DbRecordStore : IRecordStore
{
    /// <summary>How many tree nodes a store keeps in memory for proofs (about 100 MB at most).</summary>
    private const int NodeCacheLimit = 1 << 20;

    private readonly object _gate = new();
    private long _integratedSize;
    private readonly Dictionary<(int Level, long Index), MerkleHash> _nodeCache = [];
    private readonly VerifiedLeaves _verified = new();
    private bool _disposed;

    /// <summary>Opens the store on an open connection and creates or checks its schema and origin.</summary>
    private protected DbRecordStore(DbConnection connection, string origin)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!KeyName.IsValid(origin))
        {
            throw new ArgumentException(StorageMessages.WrongOrigin("", origin), nameof(origin));
        }

        Connection = connection;
        Origin = origin;
    }

    /// <inheritdoc/>
    public string Origin { get; }

    /// <summary>The open connection the store owns.</summary>
    private protected DbConnection Connection { get; }

    /// <inheritdoc/>
    public long Size => Run("reading the size", () => ReadSize(null));

    /// <inheritdoc/>
    public long PendingCount => Run("counting pending statements", () => ReadCounter(null, "accepted") - ReadSize(null));

    /// <inheritdoc/>
    public RecordState State => Run("reading the validation state", () => ReadState(null));

    /// <summary>
    /// The schema this code writes, recorded in <c>meta</c> as <c>schema</c>. 1: <c>pending (id, entry)</c>; 2: <c>pending</c> also
    /// carries author, seq and kind (neither recorded its version); 3: no <c>pending</c> — statements are written to <c>entries</c>
    /// when appended — and <c>witnessed.note</c> keeps the cosigned checkpoint; 4: <c>checkpoints.history</c> keeps the log key's
    /// signed <see cref="CheckpointHistory"/> beside each checkpoint. Older stores are migrated when opened.
    /// </summary>
    public const int SchemaVersion = 4;

    /// <summary>The DDL that creates the tables of the current schema if they do not exist.</summary>
    private protected abstract IReadOnlyList<string> SchemaStatements { get; }

    /// <summary>True when <paramref name="table"/> has a column <paramref name="column"/> (checked without failing the transaction).</summary>
    private protected abstract bool HasColumn(DbTransaction tx, string table, string column);

    /// <summary>Begins a transaction that holds the log's write lock until commit.</summary>
    private protected abstract DbTransaction BeginWrite();

    /// <summary>True when the provider says a retry may succeed.</summary>
    private protected abstract bool IsTransient(DbException exception);

    /// <summary>True when the provider says the database itself is damaged (a corrupt file or page), not the request.</summary>
    private protected abstract bool IsCorruption(DbException exception);

    /// <summary>Creates the schema and records or checks the origin; called once by the concrete store's factory.</summary>
    private protected void Initialise()
    {
        Run("creating the schema", () =>
        {
            using var tx = BeginWrite();
            var existing = HasColumn(tx, "meta", "value") ? Scalar<string?>(tx, "SELECT value FROM meta WHERE name = 'origin'") : null;
            if (existing is not null && existing != Origin)
            {
                throw new ArgumentException(StorageMessages.WrongOrigin(existing, Origin));
            }

            if (existing is not null)
            {
                var recorded = Scalar<string?>(tx, "SELECT value FROM meta WHERE name = 'schema'");
                var version = recorded is not null ? int.Parse(recorded, CultureInfo.InvariantCulture) : HasColumn(tx, "pending", "author") ? 2 : 1;
                if (version > SchemaVersion)
                {
                    throw new RecordStoreException(StorageMessages.NewerSchema(version, SchemaVersion), isTransient: false);
                }

                if (version < SchemaVersion)
                {
                    Migrate(tx, version);
                }
            }

            foreach (var ddl in SchemaStatements)
            {
                Execute(tx, ddl);
            }

            if (!HasColumn(tx, "checkpoints", "history"))
            {
                // Schema 4: checkpoints signed before it have no history; the next checkpoint signs one covering them.
                Execute(tx, "ALTER TABLE checkpoints ADD COLUMN history TEXT");
            }

            if (existing is null)
            {
                Execute(tx, "INSERT INTO meta (name, value) VALUES ('origin', @v)", ("v", Origin));
                Execute(tx, "INSERT INTO meta (name, value) VALUES ('size', '0')");
                Execute(tx, "INSERT INTO meta (name, value) VALUES ('accepted', '0')");
                Execute(tx, "INSERT INTO meta (name, value) VALUES ('schema', @v)", ("v", SchemaVersion.ToString(CultureInfo.InvariantCulture)));
            }

            EnsureFacts(tx);

            tx.Commit();
            return 0;
        });
    }

    /// <summary>
    /// Brings a store of schema 1 or 2 to <see cref="SchemaVersion"/> inside the opening transaction: pending statements move to
    /// <c>entries</c> in their order, at the indices after the integrated ones (schema 1 rows are parsed for author, sequence and
    /// kind), <c>pending</c> is dropped and <c>witnessed</c> gains its <c>note</c> column.
    /// </summary>
    private void Migrate(DbTransaction tx, int from)
    {
        if (from >= 3)
        {
            // 3 → 4 adds checkpoints.history, which Initialise does for every store that lacks it.
            Execute(tx, "UPDATE meta SET value = @v WHERE name = 'schema'", ("v", SchemaVersion.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        var size = ReadSize(tx);
        var moved = new List<object[]>();
        var sql = from == 1 ? "SELECT entry FROM pending ORDER BY id" : "SELECT entry, author, seq, kind FROM pending ORDER BY id";
        using (var cmd = Command(tx, sql))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var entry = (byte[])reader[0];
                string author, kind;
                long seq;
                if (from == 1)
                {
                    var parsed = SignedStatement.Parse(entry);
                    if (!parsed.IsAccepted)
                    {
                        throw new RecordStoreException(StorageMessages.PendingUnreadable(size + moved.Count, parsed.Message!), isTransient: false);
                    }

                    (author, seq, kind) = (parsed.Statement.Statement.Author.Code, parsed.Statement.Statement.Sequence,
                        parsed.Statement.Statement.Kind.WireName());
                }
                else
                {
                    (author, seq, kind) = (reader.GetString(1), reader.GetInt64(2), reader.GetString(3));
                }

                moved.Add([size + moved.Count, entry, RecordHashing.LeafHash(entry).ToArray(), author, seq, kind]);
            }
        }

        using (var rows = Rows(tx, "entries", EntryColumns))
        {
            moved.ForEach(rows.Add);
            rows.Flush();
        }

        Execute(tx, "DROP TABLE pending");
        if (HasColumn(tx, "witnessed", "origin") && !HasColumn(tx, "witnessed", "note"))
        {
            // The earliest stores have no witnessed table at all; the schema statements create it.
            Execute(tx, "ALTER TABLE witnessed ADD COLUMN note TEXT");
        }

        Execute(tx, "UPDATE meta SET value = @v WHERE name = 'accepted'", ("v", (size + moved.Count).ToString(CultureInfo.InvariantCulture)));
        Execute(tx, "DELETE FROM meta WHERE name = 'schema'");
        Execute(tx, "INSERT INTO meta (name, value) VALUES ('schema', @v)", ("v", SchemaVersion.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The origin recorded in an existing store's <c>meta</c> table; null when the database holds no store yet. A database that
    /// <paramref name="isCorruption"/> says is damaged is reported as such (a corrupt store is not "no store").
    /// </summary>
    private protected static string? ReadOrigin(DbConnection connection, Func<DbException, bool> isCorruption)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(isCorruption);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE name = 'origin'";
        try
        {
            return cmd.ExecuteScalar() as string;
        }
        catch (DbException e) when (!isCorruption(e))
        {
            // No meta table: nothing has been stored here.
            return null;
        }
    }

    /// <inheritdoc/>
    public void Enrol(PartyId party, VerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckDemoKey(key);
        Run("enrolling a key", () =>
        {
            using var tx = BeginWrite();
            ReadState(tx).WithPartyKey(party, key); // throws if the key is already known or not an Ed25519 note key
            var position = long.Parse(Scalar<string>(tx, "SELECT value FROM meta WHERE name = 'accepted'")!, CultureInfo.InvariantCulture);
            Execute(tx, "INSERT INTO enrolled_keys (ref, party, vkey, position) VALUES (@r, @p, @k, @pos)",
                ("r", key.Reference.ToString()), ("p", party.Code), ("k", key.ToString()), ("pos", position));
            Execute(tx, "INSERT INTO statement_keys (ref, party, vkey, revoked) VALUES (@r, @p, @k, 0)",
                ("r", key.Reference.ToString()), ("p", party.Code), ("k", key.ToString()));
            tx.Commit();
            return 0;
        });
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Connection.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    private RecordState ReadState(DbTransaction? tx)
    {
        var state = RecordState.Empty;
        using (var cmd = Command(tx, "SELECT party, vkey, revoked FROM statement_keys ORDER BY ref"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                state = state.WithRestoredKey(new PartyId(reader.GetString(0)), VerifierKey.Parse(reader.GetString(1)), reader.GetInt32(2) != 0);
            }
        }

        using (var cmd = Command(tx, "SELECT party, last_seq FROM sequences"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                state = state.WithLastSequence(new PartyId(reader.GetString(0)), reader.GetInt64(1));
            }
        }

        return state;
    }

    private WitnessRecord? ReadWitnessed(DbTransaction? tx, string origin)
    {
        using var cmd = Command(tx, "SELECT size, root, note FROM witnessed WHERE origin = @o", ("o", origin));
        using var reader = cmd.ExecuteReader();
        return reader.Read()
            ? new WitnessRecord(origin, reader.GetInt64(0), new MerkleHash((byte[])reader[1]), reader.IsDBNull(2) ? null : SignedNote.Parse(reader.GetString(2)))
            : null;
    }

    private long ReadCounter(DbTransaction? tx, string name) =>
        long.Parse(Scalar<string>(tx, "SELECT value FROM meta WHERE name = @n", ("n", name))!, CultureInfo.InvariantCulture);

    private long ReadSize(DbTransaction? tx)
    {
        var size = ReadCounter(tx, "size");
        if (tx is null)
        {
            _integratedSize = Math.Max(_integratedSize, size);
        }

        return size;
    }

    private MerkleHash ReadNode(DbTransaction? tx, int level, long index)
    {
        // Invariant: a stored node never changes (the log is append-only), so a node read once can be served from memory.
        if (_nodeCache.TryGetValue((level, index), out var cached))
        {
            return cached;
        }

        var bytes = level == 0
            ? Scalar<byte[]>(tx, "SELECT leaf_hash FROM entries WHERE idx = @i", ("i", index))
            : Scalar<byte[]>(tx, "SELECT hash FROM nodes WHERE level = @l AND idx = @i", ("l", level), ("i", index));
        if (bytes is null || bytes.Length != MerkleHash.Length)
        {
            // Invariant: every node of the integrated tree is stored; one that is missing or malformed means the store was changed.
            throw new RecordStoreException(StorageMessages.NodeMissing(level, index), isTransient: false, isCorrupt: true);
        }

        var hash = new MerkleHash(bytes);
        if (_nodeCache.Count < NodeCacheLimit)
        {
            _nodeCache[(level, index)] = hash;
        }

        return hash;
    }

    private T Run<T>(string operation, Func<T> action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            try
            {
                return action();
            }
            catch (DbException e)
            {
                throw new RecordStoreException(StorageMessages.Database(operation) + ": " + e.Message, IsTransient(e), e, IsCorruption(e));
            }
        }
    }

    /// <summary>The columns of <c>entries</c>, in the order rows are written.</summary>
    private protected static readonly string[] EntryColumns = ["idx", "entry", "leaf_hash", "author", "seq", "kind"];

    /// <summary>A writer of rows into <paramref name="table"/> inside <paramref name="tx"/>; the store's backend picks the fastest way.</summary>
    private protected abstract RowWriter Rows(DbTransaction tx, string table, params string[] columns);

    private DbCommand Command(DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = Connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            if (value is byte[])
            {
                p.DbType = DbType.Binary;
            }

            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    private void Execute(DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        cmd.ExecuteNonQuery();
    }

    private T? Scalar<T>(DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        var value = cmd.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }
}
