using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;
using Detente.Data;
using Detente.Storage;
using Detente.Verification.Alerts;
using Detente.Verification.Observations;

namespace Detente.Benchmarks;

/// <summary>
/// Observations: importing a CSV file into the record (parse and validate on 2 cores, canonical rows, SHA-256, signed batch
/// statements and rows stored durably on SQLite, integration), aggregating 10,000,000 observations into weekly build-up series
/// by state, and alerts for a date over the same rows. Synthetic data is deterministic; the CSV file is cached in the temp directory.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class ObservationBenchmarks
{
    private const int CsvRows = 500_000;
    private const int TableRows = 10_000_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Start = new(2021, 1, 4);
    private static readonly DateOnly At = new(2022, 2, 15);

    private string _csv = "";
    private ObservationTable _table = null!;
    private World _world = null!;
    private AlertThresholds _thresholds = null!;
    private SigningKey _monitor = null!;
    private SigningKey _logKey = null!;
    private readonly List<string> _cleanup = [];

    [GlobalSetup]
    public void Setup()
    {
        _csv = SyntheticCsv(CsvRows);
        _table = SyntheticTable(TableRows);
        var data = BenchData.DataDirectory();
        var scenario = ScenarioLoader.Load(BenchData.Template);
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        _world = scenario.At(At);
        _thresholds = AlertThresholds.From(library.Find("vienna-document-2011")!, new Evaluator(geography), _world);
        _monitor = SigningKey.Demo("bench.detente.test/MONITOR");
        _logKey = SigningKey.Demo("bench.detente.test");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var path in _cleanup)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }

        _monitor.Dispose();
        _logKey.Dispose();
    }

    /// <summary>Rows per second = 500,000 / the time per operation (one operation imports the whole file).</summary>
    [Benchmark]
    public long ImportCsvIntoSqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"detente-bench-obs-{Guid.NewGuid():N}.db");
        _cleanup.Add(path);
        // The rows name eight observers, so the librarian passes them on (a party's batch holds only its own rows); its demo key
        // needs a demo record.
        using var store = Storage.Sqlite.SqliteRecordStore.Open(path, "bench.detente.test/demo");
        var party = Record.Admission.StatementBodies.Librarian;
        store.Enrol(party, _monitor.NoteKey);
        var rows = ObservationFile.Read(_csv, "MONITOR", 2);
        var batches = new List<BatchRows>();
        var entries = new List<byte[]>();
        var seq = 1L;
        foreach (var (first, count, digest) in rows.Digests(100_000))
        {
            batches.Add(new BatchRows(digest, count, rows.Lines(first, count)));
            var body = $"{{\"rows\":{count.ToString(CultureInfo.InvariantCulture)},\"sha256\":\"{digest}\"}}";
            entries.Add([.. SignedStatement.Sign(new Statement(StatementKind.ObservationBatch, party, _monitor.NoteKey.Reference, seq++, Now, body), _monitor).Entry]);
        }

        var checks = store.AppendObservationBatches(batches, entries, Now);
        if (checks.Any(c => !c.IsAccepted))
        {
            throw new InvalidOperationException(checks.First(c => !c.IsAccepted).Message);
        }

        store.Integrate();
        return rows.Count;
    }

    [Benchmark]
    public int WeeklySeries10M() => BuildUp.Weekly(_table, "troops", null, 2).Count;

    [Benchmark]
    public int Alerts10M() => new AlertEngine(_thresholds).Evaluate(_world, _table, 2).Count;

    private static readonly string[] States = ["RUS", "BLR", "UKR", "POL", "LTU", "LVA", "EST", "ROU", "MDA", "FIN", "DEU", "SVK", "HUN", "GEO", "ARM", "AZE"];
    private static readonly string[] Observers = ["NATO", "USA", "GBR", "UKR", "OSCE", "OSINT-1", "OSINT-2", "OSINT-3"];
    private static readonly string[] What = ["troops", "battalion-tactical-groups", "iskander-m", "s-400"];

    /// <summary>A CSV file of sightings, written once per size.</summary>
    internal static string SyntheticCsv(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"detente-bench-observations-{rows}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        var random = new Random(5);
        var sb = new StringBuilder("time,lat,lon,party,what,count,low,high,source,confidence,observer\n");
        for (var i = 0; i < rows; i++)
        {
            var count = random.Next(50, 5000);
            sb.Append(CultureInfo.InvariantCulture,
                $"{Start.AddDays(random.Next(0, 400)):yyyy-MM-dd},{44 + (random.NextDouble() * 14):F5},{22 + (random.NextDouble() * 18):F5},RUS,{What[random.Next(What.Length)]}," +
                $"{count},{count * 8 / 10},{count * 12 / 10},synthetic-{random.Next(1000)},uncertain,{Observers[random.Next(Observers.Length)]}\n");
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, sb.ToString());
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>Ten million rows over 16 states, 3 parties, 4 kinds, 8 observers and 60 weeks.</summary>
    internal static ObservationTable SyntheticTable(int rows)
    {
        var table = new ObservationTable(rows);
        var states = States.Select(table.Names.Id).ToArray();
        var parties = new[] { "RUS", "BLR", "USA" }.Select(table.Names.Id).ToArray();
        var what = What.Select(table.Names.Id).ToArray();
        var observers = Observers.Select(table.Names.Id).ToArray();
        var random = new Random(10);
        for (var i = 0; i < rows; i++)
        {
            var count = random.Next(50, 5000);
            table.Add(Start.AddDays(random.Next(0, 420)), parties[random.Next(parties.Length)], states[random.Next(states.Length)], what[random.Next(what.Length)],
                observers[random.Next(observers.Length)], count, count * 0.8, count * 1.2);
        }

        return table;
    }
}
