using System.Data.Common;
using Detente.Core;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Detente.Security.Tests.Append;

/// <summary>Where a test's record lives.</summary>
public enum Backend
{
    /// <summary>An SQLite file in a temporary directory.</summary>
    Sqlite,

    /// <summary>A fresh schema on the PostgreSQL server named by DETENTE_TEST_POSTGRES.</summary>
    Postgres,
}

/// <summary>
/// A record for attacking the append path: a store on SQLite or PostgreSQL, a key per party (demo keys in a demo record, real ones
/// otherwise), and a small world every attack builds on — sources, parties, a site, a system, an activity, a US deployment, an
/// inspection request by the USA to Belarus and a consultation request by the USA to Belarus. Counts every table to show that a
/// rejection wrote nothing.
/// </summary>
public sealed class AppendWorld : IDisposable
{
    public static readonly PartyId Usa = new("USA");
    public static readonly PartyId Rus = new("RUS");
    public static readonly PartyId Blr = new("BLR");
    public static readonly PartyId Librarian = StatementBodies.Librarian;
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<PartyId, SigningKey> _keys = [];
    private readonly string? _directory;
    private readonly string _connection;

    public AppendWorld(Backend backend, bool demo = true, bool seed = true)
    {
        Backend = backend;
        Origin = demo ? "log.detente.test/demo-attacks" : "log.detente.test/attacks";
        if (backend == Backend.Sqlite)
        {
            _directory = Directory.CreateTempSubdirectory("detente-security-").FullName;
            _connection = Path.Combine(_directory, "record.db");
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("DETENTE_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(server))
            {
                Assert.Fail("DETENTE_TEST_POSTGRES is not set: start PostgreSQL (./test.sh does) and set it, e.g. "
                            + "DETENTE_TEST_POSTGRES=\"Host=127.0.0.1;Port=55440;Username=postgres;Database=postgres\"");
            }

            var schema = $"security_{Guid.NewGuid():N}";
            using (var c = new NpgsqlConnection(server))
            {
                c.Open();
                using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", c);
                cmd.ExecuteNonQuery();
            }

            _connection = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
        }

        Store = RecordStores.Open(_connection, Origin);
        LogKey = demo ? SigningKey.Demo(Origin) : SigningKey.Generate(Origin);
        if (seed)
        {
            Seed();
        }
    }

    public Backend Backend { get; }

    public string Origin { get; }

    public IRecordStore Store { get; }

    public SigningKey LogKey { get; }

    /// <summary>The store's connection (a file path or a PostgreSQL connection string).</summary>
    public string Connection => _connection;

    /// <summary>The party's key, enrolled on first use (a demo key in a demo record, a random key otherwise).</summary>
    public SigningKey Key(PartyId party)
    {
        if (!_keys.TryGetValue(party, out var key))
        {
            key = DemoKeys.IsDemoOrigin(Origin) ? SigningKey.Demo($"attack.detente.test/{party.Code}") : SigningKey.Generate($"attack.detente.test/{party.Code}");
            _keys[party] = key;
            Store.Enrol(party, key.NoteKey);
        }

        return key;
    }

    /// <summary>A signed entry of <paramref name="kind"/> by <paramref name="author"/> at its next sequence number.</summary>
    public byte[] Entry(StatementKind kind, PartyId author, string body, DateTimeOffset? time = null, long? sequence = null)
    {
        var key = Key(author);
        var statement = new Statement(kind, author, key.NoteKey.Reference, sequence ?? Store.State.NextSequence(author), time ?? Now, body);
        return [.. SignedStatement.Sign(statement, key).Entry];
    }

    /// <summary>Appends one statement now.</summary>
    public StatementCheck Append(StatementKind kind, PartyId author, string body, DateTimeOffset? time = null) =>
        Store.Append(Entry(kind, author, body, time), Now);

    /// <summary>Appends and fails the test unless accepted.</summary>
    public void Accept(StatementKind kind, PartyId author, string body, DateTimeOffset? time = null)
    {
        var check = Append(kind, author, body, time);
        Assert.True(check.IsAccepted, $"{kind.WireName()} by {author}: {check.Message}");
    }

    /// <summary>Rows in every table of the store (what "nothing written" is checked against).</summary>
    public IReadOnlyDictionary<string, long> Counts()
    {
        string[] tables = ["meta", "enrolled_keys", "statement_keys", "sequences", "entries", "nodes", "checkpoints", "facts", "batch_rows"];
        using var connection = Open();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
            try
            {
                counts[table] = Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (DbException)
            {
                counts[table] = 0; // not created yet: no rows (creating an empty table writes no data)
            }
        }

        using var accepted = connection.CreateCommand();
        accepted.CommandText = "SELECT value FROM meta WHERE name = 'accepted'";
        counts["meta.accepted"] = long.Parse((string)accepted.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture);
        return counts;
    }

    /// <summary>Runs SQL behind the store's back (how an operator with database access tampers).</summary>
    public int Tamper(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }

        return cmd.ExecuteNonQuery();
    }

    private DbConnection Open()
    {
        DbConnection connection = Backend == Backend.Sqlite
            ? new SqliteConnection($"Data Source={_connection};Pooling=False")
            : new NpgsqlConnection(_connection);
        connection.Open();
        return connection;
    }

    /// <summary>The world the attacks build on, stated by the librarian and by each party for itself.</summary>
    private void Seed()
    {
        Accept(StatementKind.Source, Librarian, """{"date":"2022-01-12","id":"src","kind":"press","publisher":"Wire","title":"A report"}""");
        foreach (var (code, kind) in new[] { ("USA", "state"), ("RUS", "state"), ("BLR", "state"), ("POL", "state"), ("UKR", "state"), ("NATO", "alliance") })
        {
            var evidence = kind == "state" ? "" : ",\"sources\":[\"src\"],\"confidence\":\"verified\"";
            Accept(StatementKind.Party, Librarian, $$"""{"id":"{{code}}","kind":"{{kind}}","name":"{{code}}"{{evidence}}}""");
        }

        Accept(StatementKind.Site, Librarian, """{"confidence":"verified","host":"POL","id":"redzikowo","kind":"missile-defence","location":{"lat":54.48,"lon":17.1},"name":"Redzikowo","sources":["src"]}""");
        Accept(StatementKind.System, Librarian, """{"category":"interceptor","confidence":"verified","id":"sm-3","launch":"ground","name":"SM-3","nuclear":"none","role":"defensive","sources":["src"]}""");
        Accept(StatementKind.Activity, Librarian, """{"confidence":"verified","end":"2022-02-20","id":"union-resolve","kind":"exercise","name":"Union Resolve","participants":["RUS","BLR"],"sources":["src"],"start":"2022-02-10"}""");
        Accept(StatementKind.DeploymentDeclaration, Usa, Deployment("usa-redzikowo", "USA"));
        Accept(StatementKind.InspectionRequest, Usa, """{"at":"2022-02-01","checks":[],"confidence":"verified","id":"req-usa","receiving":"BLR","regime":"vienna","sources":["src"],"area":"Gomel","team_size":4,"visit_from":"2022-02-10"}""");
        Accept(StatementKind.ConsultationRequest, Usa, """{"at":"2022-02-01","confidence":"verified","id":"cons-usa","regime":"vienna-chapter-iii","sources":["src"],"subject":"forces near Gomel","to":["BLR"]}""");
    }

    /// <summary>A deployment declaration body.</summary>
    public static string Deployment(string id, string owner, string provenance = "declared", string quantity = "24") =>
        $$"""{"confidence":"verified","from":"2022-01-12","host":"POL","id":"{{id}}","mission":"other","owner":"{{owner}}","permanence":"permanent","provenance":"{{provenance}}","quantity":{{quantity}},"site":"redzikowo","sources":["src"],"system":"sm-3","unit":"launchers"}""";

    public void Dispose()
    {
        Store.Dispose();
        LogKey.Dispose();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
