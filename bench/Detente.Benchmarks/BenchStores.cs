using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;
using Npgsql;

namespace Detente.Benchmarks;

/// <summary>Fresh record stores for the storage and appender suites: SQLite in a temporary file, PostgreSQL in a new schema.</summary>
internal static class BenchStores
{
    /// <summary>"sqlite", and "postgres" when a connection string is set.</summary>
    public static IEnumerable<string> Backends() => PostgresConnection() is null ? ["sqlite"] : ["sqlite", "postgres"];

    /// <summary>DETENTE_BENCH_POSTGRES, else DETENTE_TEST_POSTGRES, else null.</summary>
    public static string? PostgresConnection() =>
        new[] { "DETENTE_BENCH_POSTGRES", "DETENTE_TEST_POSTGRES" }.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>
    /// A new empty store of <paramref name="backend"/> with each party's key enrolled (a SQLite file is added to
    /// <paramref name="cleanup"/>), and the librarian's statements of the source and parties the suites' observations name.
    /// </summary>
    public static (IRecordStore Store, byte[][] Seed) Open(
        string backend, string origin, IReadOnlyList<PartyId> parties, IReadOnlyList<SigningKey> keys, DateTimeOffset now, List<string> cleanup)
    {
        IRecordStore store;
        if (backend == "postgres")
        {
            var schema = $"bench_{Guid.NewGuid():N}";
            using (var connection = new NpgsqlConnection(PostgresConnection()))
            {
                connection.Open();
                using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
                cmd.ExecuteNonQuery();
            }

            store = RecordStores.Open(new NpgsqlConnectionStringBuilder(PostgresConnection()) { SearchPath = schema }.ToString(), origin);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), $"detente-bench-{Guid.NewGuid():N}.db");
            cleanup.Add(path);
            store = RecordStores.Open(path, origin);
        }

        for (var i = 0; i < parties.Count; i++)
        {
            store.Enrol(parties[i], keys[i].NoteKey);
        }

        // What the observations name: their source and parties, stated by the librarian (demo key: a demo record).
        using var librarian = SigningKey.Demo("bench.detente.test/librarian");
        var lib = Record.Admission.StatementBodies.Librarian;
        store.Enrol(lib, librarian.NoteKey);
        string[] bodies =
        [
            """{"date":"2022","id":"bench","kind":"synthetic","publisher":"Detente","title":"Benchmark"}""",
            .. parties.Append(new PartyId("RUS")).Select(p => $$"""{"id":"{{p}}","kind":"state","name":"{{p}}"}"""),
        ];
        var seed = bodies.Select((b, i) => SignedStatement.Sign(
            new Statement(i == 0 ? StatementKind.Source : StatementKind.Party, lib, librarian.NoteKey.Reference, i + 1, now, b), librarian).Entry.ToArray()).ToArray();
        return (store, seed);
    }
}
