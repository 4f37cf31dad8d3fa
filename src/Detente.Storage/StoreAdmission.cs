using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Detente.Core;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Statements;

namespace Detente.Storage;

/// <summary>
/// The body rules in the store: every writer's statements reach <see cref="StatementAdmission"/> here, against the record's state and
/// under the write lock, before anything is written. The state is the <c>facts</c> table (id, kind, author, parties, log index, a step's
/// stated time): a cache of the bodies, written in the same transaction as the entries and re-derivable from them.
/// </summary>
public abstract partial class DbRecordStore
{
    /// <summary>How many stated facts a store keeps in memory (they never change once stated).</summary>
    private const int FactCacheLimit = 1 << 18;

    /// <summary>Ids per lookup query (one parameter holds them all).</summary>
    private const int IdsPerQuery = 4096;

    private static readonly string[] FactColumns = ["id", "kind", "author", "parties", "idx", "at"];

    private readonly Dictionary<string, StatedFact> _factCache = new(StringComparer.Ordinal);

    /// <summary>True when the store's origin names a demo record (<see cref="DemoKeys.IsDemoOrigin"/>): demo keys are accepted.</summary>
    public bool IsDemo => DemoKeys.IsDemoOrigin(Origin);

    /// <summary>
    /// Test and benchmark switch: false skips the body rules on append (never in a product path). Used to measure what the rules
    /// cost in the same run.
    /// </summary>
    internal bool BodyRulesEnabled { get; set; } = true;

    /// <summary>How many pending entries this store validated in full and integration will not verify again (for tests).</summary>
    internal long VerifiedPendingCount => _verified.Count;

    /// <summary>The DDL of the facts table.</summary>
    private protected abstract string FactsTable { get; }

    /// <summary>
    /// A query of the facts rows (id, kind, author, parties, idx, at) whose id is one of <paramref name="ids"/>, all of them in one
    /// parameter (a JSON array on SQLite, a text array on PostgreSQL): one statement and one bind whatever their count, where a
    /// parameter per id costs a bind by name each (SQLite finds a name by a linear search).
    /// </summary>
    private protected abstract DbCommand FactsWithIds(DbTransaction tx, IReadOnlyList<string> ids);

    /// <summary>Creates the facts table and, for a store written before it existed, fills it from the entries (once).</summary>
    private void EnsureFacts(DbTransaction tx)
    {
        Execute(tx, FactsTable);
        if (Scalar<string?>(tx, "SELECT value FROM meta WHERE name = 'facts'") is not null)
        {
            return;
        }

        // Refilled from nothing: rows left from an earlier fill (whose marker was removed) would collide with the ones derived now.
        Execute(tx, "DELETE FROM facts");
        var rows = new List<object[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using (var cmd = Command(tx, "SELECT idx, entry FROM entries ORDER BY idx"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var parsed = SignedStatement.Parse((byte[])reader[1]);
                if (!parsed.IsAccepted)
                {
                    continue;
                }

                var (claims, _) = StatementBodies.Read(parsed.Statement.Statement);
                if (claims?.ToFact(parsed.Statement.Statement, reader.GetInt64(0)) is { } fact && seen.Add(fact.Id))
                {
                    rows.Add(FactRow(fact));
                }
            }
        }

        using (var insert = Rows(tx, "facts", FactColumns))
        {
            rows.ForEach(insert.Add);
            insert.Flush();
        }

        Execute(tx, "INSERT INTO meta (name, value) VALUES ('facts', '1')");
    }

    private static object[] FactRow(StatedFact f) => [f.Id, f.Kind.WireName(), f.Author.Code, f.Parties, f.Index, f.At ?? ""];

    /// <summary>Refuses a demo key outside a demo record.</summary>
    private void CheckDemoKey(VerifierKey key)
    {
        if (!IsDemo && DemoKeys.IsDemo(key))
        {
            throw new RecordStoreException($"{BodyRules.DemoKeyRefused.Name}: {DemoKeys.Refusal(key)}", isTransient: false);
        }
    }

    /// <summary>
    /// The record's state for the body rules inside a write transaction: facts read from the table (and the store's cache), facts
    /// admitted earlier in the same batch, and batch rows stored or being stored. With <c>before</c>, only facts at lower log
    /// indices count (integration re-checks an entry against what preceded it).
    /// </summary>
    private sealed class FactView(DbRecordStore store, DbTransaction tx, long before, IReadOnlyDictionary<string, StoredBatch>? pendingBatches)
        : IStatedFacts
    {
        /// <summary>Only facts stated at log indices below this count.</summary>
        public long Before { get; set; } = before;

        private readonly Dictionary<string, StatedFact> _added = new(StringComparer.Ordinal);
        private readonly HashSet<string> _absent = new(StringComparer.Ordinal);

        public IReadOnlyCollection<StatedFact> Added => _added.Values;

        /// <summary>Reads every id <paramref name="claims"/> name, in a few queries, so the checks that follow need none.</summary>
        public void Prefetch(IEnumerable<BodyClaims?> claims)
        {
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in claims)
            {
                if (c is null)
                {
                    continue;
                }

                if (c.Id is { } id && !store._factCache.ContainsKey(id))
                {
                    wanted.Add(id);
                }

                foreach (var r in c.References)
                {
                    if (!store._factCache.ContainsKey(r.Id))
                    {
                        wanted.Add(r.Id);
                    }
                }
            }

            foreach (var chunk in wanted.Chunk(IdsPerQuery))
            {
                using var cmd = store.FactsWithIds(tx, chunk);
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    store.Remember(Read(reader));
                }

                foreach (var id in chunk)
                {
                    if (!store._factCache.ContainsKey(id))
                    {
                        _absent.Add(id);
                    }
                }
            }
        }

        public StatedFact? Find(string id)
        {
            if (_added.TryGetValue(id, out var added))
            {
                return added;
            }

            if (!store._factCache.TryGetValue(id, out var fact) && !_absent.Contains(id))
            {
                using var cmd = store.Command(tx, "SELECT id, kind, author, parties, idx, at FROM facts WHERE id = @i", ("i", id));
                using var reader = cmd.ExecuteReader();
                fact = reader.Read() ? Read(reader) : null;
                if (fact is not null)
                {
                    store.Remember(fact);
                }
            }

            return fact is not null && fact.Index < Before ? fact : null;
        }

        public void Add(StatedFact fact) => _added[fact.Id] = fact;

        public StoredBatch? Batch(string sha256)
        {
            if (pendingBatches is not null && pendingBatches.TryGetValue(sha256, out var pending))
            {
                return pending;
            }

            store.EnsureBatchTable(tx);
            using var cmd = store.Command(tx, "SELECT encoding, data, rows FROM batch_rows WHERE sha256 = @h", ("h", sha256));
            using var reader = cmd.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            // Bounded like every read of stored rows: rows that expand beyond what their count allows are not decompressed.
            var limit = Math.Max(0, Convert.ToInt64(reader[2], CultureInfo.InvariantCulture)) * (long)MaxBatchRowBytes;
            var data = BatchEncoding.Decode(reader.GetString(0), Blob(reader[1]), limit);
            return data is null ? null : Observers(data);
        }

        private static StatedFact? Read(DbDataReader reader)
        {
            if (!StatementKinds.TryParse(reader.GetString(1), out var kind) || !PartyId.IsValidCode(reader.GetString(2)))
            {
                return null;
            }

            var at = reader.GetString(5);
            return new StatedFact(reader.GetString(0), kind.Value, new PartyId(reader.GetString(2)), reader.GetString(3), reader.GetInt64(4),
                at.Length == 0 ? null : at);
        }
    }

    private void Remember(StatedFact? fact)
    {
        if (fact is not null && _factCache.Count < FactCacheLimit)
        {
            _factCache[fact.Id] = fact;
        }
    }

    /// <summary>The row count and distinct observers of batch rows (canonical JSON Lines).</summary>
    internal static StoredBatch Observers(ReadOnlySpan<byte> data)
    {
        var observers = new HashSet<string>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var range in data.Split((byte)'\n'))
        {
            var line = data[range];
            if (line.IsEmpty)
            {
                continue;
            }

            rows++;
            var observer = "";
            try
            {
                var reader = new Utf8JsonReader(line);
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isObserver = reader.ValueTextEquals("observer"u8);
                        reader.Read();
                        if (isObserver && reader.TokenType == JsonTokenType.String)
                        {
                            observer = reader.GetString()!;
                            break;
                        }

                        reader.Skip();
                    }
                }
            }
            catch (JsonException)
            {
                observer = "";
            }

            observers.Add(observer);
        }

        return new StoredBatch(rows, observers);
    }

    /// <summary>
    /// Before the log key may sign over them, re-reads pending entries from their stored bytes and checks each again: it parses, its
    /// signing key is one the store knows for its author, the signature verifies, and its body rules hold against what precedes it.
    /// Returns the first refusal (log index and reason) or null.
    /// </summary>
    private (long Index, string Reason)? RecheckPending(DbTransaction tx, long first, byte[][] entries)
    {
        var keys = new Dictionary<KeyReference, (PartyId Owner, VerifierKey Key)>();
        foreach (var sql in new[] { "SELECT party, vkey FROM statement_keys", "SELECT party, vkey FROM enrolled_keys" })
        {
            using var cmd = Command(tx, sql);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var key = VerifierKey.Parse(reader.GetString(1));
                keys.TryAdd(key.Reference, (new PartyId(reader.GetString(0)), key));
            }
        }

        var parsed = new StatementCheck[entries.Length];
        var problems = new string?[entries.Length];
        var claims = new BodyClaims?[entries.Length];
        void One(int i)
        {
            parsed[i] = SignedStatement.Parse(entries[i]);
            if (!parsed[i].IsAccepted)
            {
                problems[i] = parsed[i].Message;
                return;
            }

            var s = parsed[i].Statement!;
            if (!keys.TryGetValue(s.Statement.Key, out var key) || key.Owner != s.Statement.Author)
            {
                problems[i] = $"its key {s.Statement.Key} is not a key of {s.Statement.Author} known to the store";
            }
            else if (!s.VerifySignature(key.Key))
            {
                problems[i] = $"its signature does not verify under {s.Statement.Key}";
            }
            else if (!IsDemo && DemoKeys.IsDemo(key.Key))
            {
                problems[i] = $"{BodyRules.DemoKeyRefused.Name}: {DemoKeys.Refusal(key.Key)}";
            }
            else
            {
                var (c, breach) = StatementBodies.Read(s.Statement);
                claims[i] = c;
                problems[i] = breach?.ToString();
            }
        }

        if (entries.Length >= 16)
        {
            Parallel.For(0, entries.Length, One);
        }
        else
        {
            for (var i = 0; i < entries.Length; i++)
            {
                One(i);
            }
        }

        var view = new FactView(this, tx, first, null);
        view.Prefetch(claims);
        for (var i = 0; i < entries.Length; i++)
        {
            if (problems[i] is { } problem)
            {
                return (first + i, problem);
            }

            view.Before = first + i;
            if (StatementAdmission.Check(parsed[i].Statement!.Statement, claims[i]!, view, IsDemo) is { } breach)
            {
                return (first + i, breach.ToString());
            }
        }

        return null;
    }

    /// <summary>Creates the batch rows table inside an open write transaction if it is missing.</summary>
    private void EnsureBatchTable(DbTransaction tx)
    {
        if (_batchSchema)
        {
            return;
        }

        var type = Connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal) ? "BYTEA" : "BLOB";
        var integer = type == "BYTEA" ? "BIGINT" : "INTEGER";
        Execute(tx, $"CREATE TABLE IF NOT EXISTS batch_rows (sha256 TEXT PRIMARY KEY, rows {integer} NOT NULL, encoding TEXT NOT NULL, data {type} NOT NULL)");
    }

}
