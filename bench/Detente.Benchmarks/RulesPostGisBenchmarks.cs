using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Detente.Core;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;
using Detente.Data;
using Npgsql;
using NpgsqlTypes;

namespace Detente.Benchmarks;

/// <summary>
/// The spatial prohibitions of the Russian draft agreement (Art. 5: no land-based intermediate- or short-range missiles where
/// they can reach another Party's territory; Art. 7.3: no exercise above brigade level in the border zone) and the Vienna
/// Document prior-notification rule (para. 38), evaluated by the rule engine and as SQL on PostgreSQL with PostGIS over the
/// same data: the synthetic world of 1,000,000 deployments and 100,000 activities, with missile systems given to 500
/// deployments, a site to every activity, and prior notifications (some late) to a third of the notifiable activities.
/// Setup checks that both give the same findings and prints any difference.
/// Needs <c>DETENTE_BENCH_POSTGRES</c> (a connection string to a server with the postgis extension available).
/// </summary>
[MemoryDiagnoser]
public class RulesPostGisBenchmarks
{
    private static readonly DateOnly Day = new(2022, 1, 12);

    private static readonly string[] MissileSystems =
        ["9m729", "iskander-m", "ground-launched-tomahawk-2019", "mk41-aegis-ashore", "bgm-109g", "ss-20", "pershing-ii"];

    private Evaluator _evaluator = null!;
    private Agreement _ruNato = null!;
    private Agreement _vienna = null!;
    private World _world = null!;
    private NpgsqlDataSource _source = null!;
    private string[] _ruNatoParties = [];
    private string[] _viennaParties = [];
    private string[] _russiaAllies = [];
    private string[] _natoMembers = [];
    private double _zoneWidthKm;
    private double _brigadeTroops;

    [GlobalSetup]
    public void Setup()
    {
        var connection = Environment.GetEnvironmentVariable("DETENTE_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set DETENTE_BENCH_POSTGRES to a PostgreSQL connection string; the server needs the postgis extension (Debian: postgresql-15-postgis-3).");
        var data = BenchData.DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        _ruNato = library.Find("ru-nato-2021-draft")!;
        _vienna = library.Find("vienna-document-2011")!;
        _evaluator = new Evaluator(geography);
        var scenario = ComparisonWorld(ScenarioLoader.Load(BenchData.Synthetic(1_000_000, 100_000)));
        _world = scenario.At(Day);
        _ruNatoParties = _evaluator.Environment(_ruNato, _world, null).Parties.Sorted.Select(p => p.Code).ToArray();
        _viennaParties = _evaluator.Environment(_vienna, _world, null).Parties.Sorted.Select(p => p.Code).ToArray();
        var ruNatoEnv = _evaluator.Environment(_ruNato, _world, null);
        _russiaAllies = ((PartySet)ruNatoEnv.Parameters["russia-allies"]).Sorted.Select(p => p.Code).ToArray();
        _natoMembers = _world.MembersOf(new PartyId("NATO")).Select(p => p.Code).ToArray();
        _zoneWidthKm = (double)ruNatoEnv.Parameters["zone-width-km"];
        _brigadeTroops = (double)ruNatoEnv.Parameters["brigade-level-troops"];
        _source = NpgsqlDataSource.Create(connection);
        Load(scenario, Path.Combine(data, "geo", "countries-50m.geojson"));
        using (var c = _source.OpenConnection())
        {
            BorderZoneSql.Load(c, scenario, Day, Path.Combine(data, "geo", "countries-50m.geojson"));
        }

        var engine = Normalise(Engine());
        var sql = Normalise(Sql());
        var onlyEngine = engine.Except(sql).ToList();
        var onlySql = sql.Except(engine).ToList();
        Console.WriteLine($"// rules vs PostGIS: {engine.Count} findings by the engine, {sql.Count} by SQL; {onlyEngine.Count} only in the engine, {onlySql.Count} only in SQL");
        foreach (var f in onlyEngine.Take(10))
        {
            Console.WriteLine($"//   engine only: {f}");
        }

        foreach (var f in onlySql.Take(10))
        {
            Console.WriteLine($"//   SQL only: {f}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _source?.Dispose();

    private static HashSet<string> Normalise(IEnumerable<(string Clause, string Subject, string Party, string Status)> findings) =>
        findings.Select(f => $"{f.Clause} {f.Subject} {f.Party} {f.Status}").ToHashSet(StringComparer.Ordinal);

    /// <summary>The three clauses by the rule engine (findings about facts only).</summary>
    [Benchmark(Baseline = true)]
    public int RuleEngine() => Engine().Count;

    /// <summary>The same three clauses as SQL on PostGIS.</summary>
    [Benchmark]
    public int PostGis() => Sql().Count;

    /// <summary>The border-zone prohibition alone (ru-nato-2021-draft/7.3) by the rule engine.</summary>
    [Benchmark]
    public int RuleEngineBorderZone() => EngineBorderZone().Count;

    /// <summary>The border-zone prohibition alone as SQL on PostGIS (ST_Intersection of the sides, ST_DWithin on geography).</summary>
    [Benchmark]
    public int PostGisBorderZone() => SqlBorderZone().Count;

    private List<(string Clause, string Subject, string Party, string Status)> Engine() =>
        _evaluator.Evaluate(_ruNato, _world, onlyClause: "5").Concat(_evaluator.Evaluate(_vienna, _world, onlyClause: "38"))
            .Where(f => f.Subject.Kind != "party")
            .Select(f => (f.Clause.ToString(), f.Subject.Id, f.PartyCode, Finding.Word(f.Status)))
            .Concat(EngineBorderZone())
            .ToList();

    private List<(string Clause, string Subject, string Party, string Status)> EngineBorderZone() =>
        _evaluator.Evaluate(_ruNato, _world, onlyClause: "7.3").Where(f => f.Subject.Kind != "party")
            .Select(f => (f.Clause.ToString(), f.Subject.Id, f.PartyCode, Finding.Word(f.Status))).ToList();

    private List<(string Clause, string Subject, string Party, string Status)> SqlBorderZone()
    {
        using var c = _source.OpenConnection();
        return BorderZoneSql.Findings(c, "ru-nato-2021-draft/7.3", _ruNatoParties, _russiaAllies, _natoMembers, _zoneWidthKm, _brigadeTroops);
    }

    /// <summary>Gives missile systems to every 2,000th deployment and prior notifications (on time, or late) to a third of the activities.</summary>
    private static Scenario ComparisonWorld(Scenario s)
    {
        var deployments = s.Deployments.Select((d, i) => i % 2000 == 0
            ? d with { System = new SystemId(MissileSystems[i / 2000 % MissileSystems.Length]), Unit = ForceUnit.Launchers }
            : d).ToImmutableArray();
        var notifications = s.Notifications.ToBuilder();
        var evidence = Evidence.From(new SourceId(SyntheticScenario.SourceId), Confidence.Uncertain);
        for (var i = 0; i < s.Activities.Length; i += 3)
        {
            var a = s.Activities[i];
            var given = a.Period.From.AddDays(i % 2 == 0 ? -50 : -10);
            notifications.Add(new Notification(new FactId($"syn-note-{i}"), a.Hosts[0], NotificationKind.ViennaPriorNotification, a.Id, null, given, a.Troops, evidence));
        }

        // Every activity at one of the synthetic sites, so the border-zone clause has locations to test.
        var sites = s.Sites.Keys.OrderBy(k => k.Value, StringComparer.Ordinal).ToArray();
        var activities = s.Activities.Select((a, i) => a with { Sites = [sites[i % sites.Length]] }).ToImmutableArray();
        return new Scenario(s.Info, s.Sources.Values, s.Parties.Values, s.Systems.Values, s.Sites.Values, s.Memberships, s.Control,
            deployments, activities, notifications.ToImmutable(), s.Observations, s.Consents);
    }

    private void Load(Scenario scenario, string countries)
    {
        using var c = _source.OpenConnection();
        Exec(c, """
            -- In public: made in a caller's own schema (first on its search_path), the extension would be hidden from every
            -- other schema and dropped with it.
            CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;
            DROP TABLE IF EXISTS r_territory, r_site, r_system, r_claim, r_deployment, r_activity, r_activity_claim, r_notification;
            CREATE TABLE r_territory (state text, geog geography);
            CREATE TABLE r_site (id text PRIMARY KEY, geog geography);
            CREATE TABLE r_system (id text PRIMARY KEY, launch text, category text);
            CREATE TABLE r_claim (system text, km float8, contested bool);
            CREATE TABLE r_deployment (id text PRIMARY KEY, owner text, site text, system text, confidence text);
            CREATE TABLE r_activity (id text PRIMARY KEY, host text, start date, disputed bool);
            CREATE TABLE r_activity_claim (activity text, lo float8, hi float8);
            CREATE TABLE r_notification (activity text, notifier text, kind text, given date);
            """);
        BorderZoneSql.LoadTerritoriesAndSites(c, "r_", scenario, countries);
        using (var w = c.BeginBinaryImport("COPY r_system (id, launch, category) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in scenario.Systems.Values)
            {
                w.StartRow();
                w.Write(s.Id.Value);
                w.Write(Rules.Checking.Schema.WordOf(s.Launch));
                w.Write(Rules.Checking.Schema.WordOf(s.Category));
            }

            w.Complete();
        }

        // Range claims by the language's definition: each claim's stated maximum, including the systems a launcher fires.
        using (var w = c.BeginBinaryImport("COPY r_claim (system, km, contested) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in scenario.Systems.Values)
            {
                foreach (var claim in RangeClaims.Of(s, scenario).Claims)
                {
                    w.StartRow();
                    w.Write(s.Id.Value);
                    w.Write(claim.Km);
                    w.Write(claim.Contested);
                }
            }

            w.Complete();
        }

        using (var w = c.BeginBinaryImport("COPY r_deployment (id, owner, site, system, confidence) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in _world.Deployments)
            {
                w.StartRow();
                w.Write(d.Id.Value);
                w.Write(d.Owner.Code);
                w.Write(d.Site?.Value, NpgsqlDbType.Text);
                w.Write(d.System?.Value, NpgsqlDbType.Text);
                w.Write(Rules.Checking.Schema.WordOf(d.Evidence.Confidence));
            }

            w.Complete();
        }

        using (var w = c.BeginBinaryImport("COPY r_activity (id, host, start, disputed) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in scenario.Activities.Where(a => a.Hosts.Length == 1))
            {
                w.StartRow();
                w.Write(a.Id.Value);
                w.Write(a.Hosts[0].Code);
                w.Write(a.Period.From, NpgsqlDbType.Date);
                w.Write(a.Troops?.IsDisputed ?? false);
            }

            w.Complete();
        }

        using (var w = c.BeginBinaryImport("COPY r_activity_claim (activity, lo, hi) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in scenario.Activities.Where(a => a.Hosts.Length == 1 && a.Troops is not null))
            {
                foreach (var claim in a.Troops!.Claims)
                {
                    w.StartRow();
                    w.Write(a.Id.Value);
                    w.Write(claim.Min ?? double.NegativeInfinity);
                    w.Write(claim.Max ?? double.PositiveInfinity);
                }
            }

            w.Complete();
        }

        using (var w = c.BeginBinaryImport("COPY r_notification (activity, notifier, kind, given) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var n in _world.Notifications.Where(n => n.Activity is not null))
            {
                w.StartRow();
                w.Write(n.Activity!.Value.Value);
                w.Write(n.Notifier.Code);
                w.Write(Rules.Checking.Schema.WordOf(n.Kind));
                w.Write(n.Given, NpgsqlDbType.Date);
            }

            w.Complete();
        }

        Exec(c, """
            CREATE INDEX ON r_territory USING gist (geog);
            CREATE INDEX ON r_deployment (system);
            CREATE INDEX ON r_activity (start);
            CREATE INDEX ON r_activity_claim (activity);
            CREATE INDEX ON r_notification (activity);
            ANALYZE;
            """);
    }

    private static void Exec(NpgsqlConnection c, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    // Four-valued truth over claims, as in the language: every claim yes → yes; every claim no → no; otherwise disputed
    // (range claims always differ), and a yes that rests only on contested claims (a disputed firing capability) is disputed.
    private const string SpatialSql = """
        WITH cand AS (
            SELECT d.id, d.owner, d.site, d.system, d.confidence
            FROM r_deployment d JOIN r_system s ON s.id = d.system
            WHERE s.launch = 'ground' AND s.category IN ('missile', 'launcher') AND d.owner = ANY(@parties)
        ), per_claim AS (
            SELECT c.id, cl.contested,
                   cl.km >= @min AS ge, cl.km <= @max AS le,
                   EXISTS (SELECT 1 FROM r_territory t JOIN r_site st ON st.id = c.site
                           WHERE t.state = ANY(@parties) AND t.state <> c.owner AND ST_DWithin(st.geog, t.geog, cl.km * 1000)) AS reach
            FROM cand c JOIN r_claim cl ON cl.system = c.system
        ), truth AS (
            SELECT id,
                   CASE WHEN bool_and(ge) THEN CASE WHEN bool_and(contested) FILTER (WHERE ge) THEN 'D' ELSE 'T' END WHEN NOT bool_or(ge) THEN 'F' ELSE 'D' END AS ge,
                   CASE WHEN bool_and(le) THEN CASE WHEN bool_and(contested) FILTER (WHERE le) THEN 'D' ELSE 'T' END WHEN NOT bool_or(le) THEN 'F' ELSE 'D' END AS le,
                   CASE WHEN bool_and(reach) THEN CASE WHEN bool_and(contested) FILTER (WHERE reach) THEN 'D' ELSE 'T' END WHEN NOT bool_or(reach) THEN 'F' ELSE 'D' END AS reach
            FROM per_claim GROUP BY id
        )
        SELECT c.id, c.owner,
               CASE WHEN t.id IS NULL THEN 'undetermined'
                    WHEN 'F' IN (t.ge, t.le, t.reach) THEN NULL
                    WHEN 'D' IN (t.ge, t.le, t.reach) THEN 'disputed'
                    WHEN c.confidence = 'disputed' THEN 'disputed'
                    ELSE 'violated' END AS status
        FROM cand c LEFT JOIN truth t ON t.id = c.id
        """;

    private const string NotificationSql = """
        WITH due AS (
            SELECT a.id, a.host, a.start, a.disputed
            FROM r_activity a
            WHERE a.start >= @at - 365 AND a.start - 42 <= @at AND a.host = ANY(@parties)
        ), trig AS (
            SELECT d.id,
                   count(c.*) AS n,
                   bool_and(c.lo >= @threshold) AS all_yes,
                   bool_and(c.hi < @threshold) AS all_no,
                   bool_or(c.lo >= @threshold OR c.hi < @threshold) AS any_decided
            FROM due d LEFT JOIN r_activity_claim c ON c.activity = d.id
            GROUP BY d.id
        )
        SELECT d.id, d.host,
               CASE WHEN EXISTS (SELECT 1 FROM r_notification n WHERE n.activity = d.id AND n.notifier = d.host
                                 AND n.kind = 'vienna-prior-notification' AND n.given <= d.start - 42) THEN 'complied'
                    WHEN t.n = 0 THEN 'undetermined'
                    WHEN t.all_yes THEN 'violated'
                    WHEN d.disputed AND t.any_decided THEN 'disputed'
                    ELSE 'undetermined' END AS status
        FROM due d JOIN trig t ON t.id = d.id
        WHERE t.n = 0 OR NOT t.all_no
        """;

    private List<(string Clause, string Subject, string Party, string Status)> Sql()
    {
        var result = new List<(string, string, string, string)>();
        using var c = _source.OpenConnection();
        using (var cmd = new NpgsqlCommand(SpatialSql, c))
        {
            cmd.Parameters.AddWithValue("parties", _ruNatoParties);
            cmd.Parameters.AddWithValue("min", 500.0);
            cmd.Parameters.AddWithValue("max", 5500.0);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (!r.IsDBNull(2))
                {
                    result.Add(("ru-nato-2021-draft/5", r.GetString(0), r.GetString(1), r.GetString(2)));
                }
            }
        }

        result.AddRange(BorderZoneSql.Findings(c, "ru-nato-2021-draft/7.3", _ruNatoParties, _russiaAllies, _natoMembers, _zoneWidthKm, _brigadeTroops));
        using (var cmd = new NpgsqlCommand(NotificationSql, c))
        {
            cmd.Parameters.AddWithValue("parties", _viennaParties);
            cmd.Parameters.AddWithValue("at", NpgsqlDbType.Date, Day);
            cmd.Parameters.AddWithValue("threshold", 9000.0);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                result.Add(("vienna-document-2011/38", r.GetString(0), r.GetString(1), r.GetString(2)));
            }
        }

        return result;
    }

    /// <summary>The date format SQL parameters use in messages.</summary>
    internal static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
