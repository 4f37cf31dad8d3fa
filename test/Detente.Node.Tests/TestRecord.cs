using Detente.Core;
using Detente.Data;
using Detente.Node.Appending;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;
using Detente.Storage;

namespace Detente.Node.Tests;

/// <summary>
/// A demo record of europe-2022 in a temporary SQLite file, and statements to append to it, each signed with its author's demo
/// key (test data from one factory, not copied literals).
/// </summary>
internal sealed class TestRecord : IDisposable
{
    public const string Librarian = "DETENTE-LIBRARIAN";

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<RuleGeography> LazyGeography = new(() => RuleGeography.Load(Path.Combine(Some.DataDirectory(), "geo")));
    private static readonly Lazy<AgreementLibrary> LazyLibrary =
        new(() => new RuleEngine(Geography).TryLoad(Path.Combine(Some.DataDirectory(), "agreements"), out var library, out var errors)
            ? library
            : throw new InvalidOperationException(string.Join(Environment.NewLine, errors)));

    private readonly string _dir = Directory.CreateTempSubdirectory("detente-node-test-").FullName;
    private readonly Dictionary<PartyId, SigningKey> _keys = [];

    public TestRecord()
    {
        Store = RecordStores.Open(Path.Combine(_dir, "record.db"), DemoKeys.DemoOrigin("node-tests"));
        var manifest = ScenarioManifest.Read(Path.Combine(Some.DataDirectory(), "scenarios", "europe-2022"));
        using var prepared = ScenarioImport.Prepare(ScenarioLoader.Facts(manifest), Now);
        foreach (var (party, key) in prepared.Keys)
        {
            Store.Enrol(party, key.NoteKey);
        }

        var checks = Store.AppendBatches(prepared.Entries.Chunk(512), Now);
        Assert.All(checks, c => Assert.True(c.IsAccepted, c.Message));
        while (Store.PendingCount > 0)
        {
            Store.Integrate(4096);
        }
    }

    public static RuleGeography Geography => LazyGeography.Value;

    public static AgreementLibrary Library => LazyLibrary.Value;

    public IRecordStore Store { get; }

    /// <summary>Signs a statement with the author's demo key (enrolled when new) at the author's next sequence number.</summary>
    public SignedStatement Sign(StatementKind kind, string author, string body)
    {
        var party = new PartyId(author);
        if (!_keys.TryGetValue(party, out var key))
        {
            _keys[party] = key = SigningKey.Demo(ScenarioImport.DemoKeyName(party));
            if (Store.State.Keys.Find(key.NoteKey.Reference) is null)
            {
                Store.Enrol(party, key.NoteKey);
            }
        }

        return SignedStatement.Sign(new Statement(kind, party, key.NoteKey.Reference, Store.State.NextSequence(party), Now, body), key);
    }

    /// <summary>Signs and appends one statement with the author's demo key (enrolled when new); returns its log index.</summary>
    public long Append(StatementKind kind, string author, string body, bool integrate)
    {
        var index = Store.Size + Store.PendingCount;
        var statement = Sign(kind, author, body);
        var check = Store.Append(statement.Entry.AsSpan(), Now);
        Assert.True(check.IsAccepted, check.Message);
        if (integrate)
        {
            while (Store.PendingCount > 0)
            {
                Store.Integrate();
            }
        }

        return index;
    }

    /// <summary>50 ground-launched Tomahawks of the USA at Redzikowo (POL), from 1 March 2022.</summary>
    public static string Missiles(string id) => $$"""
        {"id": "{{id}}", "owner": "USA", "host": "POL", "site": "aegis-ashore-redzikowo", "system": "ground-launched-tomahawk-2019",
         "quantity": 50, "unit": "missiles", "permanence": "permanent", "mission": "combat", "from": "2022-03-01",
         "provenance": "declared", "sources": ["academic-ru-nato"], "confidence": "uncertain"}
        """;

    /// <summary>3,000 US combat troops in <paramref name="host"/>, from 1 March 2022.</summary>
    public static string Troops(string id, string host) => $$"""
        {"id": "{{id}}", "owner": "USA", "host": "{{host}}", "quantity": 3000, "unit": "troops", "permanence": "rotational",
         "mission": "combat", "from": "2022-03-01", "provenance": "declared", "sources": ["academic-ru-nato"], "confidence": "uncertain"}
        """;

    public const string UkraineJoinsNato = """
        {"id": "x-ukr-nato", "alliance": "NATO", "member": "UKR", "joined": "2022-03-01", "sources": ["academic-ru-nato"], "confidence": "uncertain"}
        """;

    public const string InspectedRussia = """
        {"id": "x-obs", "observer": "USA", "subject": "RUS", "date": "2022-03-01", "hosts": ["RUS"], "what": "troops", "quantity": 1,
         "provenance": "observed", "sources": ["academic-ru-nato"], "confidence": "uncertain"}
        """;

    public const string ControlOfCrimea = """
        {"id": "x-crimea-ukr", "area": "crimea", "controller": "UKR", "from": "2022-03-01", "sources": ["academic-ru-nato"], "confidence": "uncertain"}
        """;

    public void Dispose()
    {
        Store.Dispose();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
