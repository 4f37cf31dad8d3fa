using System.Text;
using System.Text.Json;
using Detente.Storage;
using Microsoft.Data.Sqlite;

namespace Detente.Cli.Tests;

/// <summary><c>observe import</c> and <c>alerts</c> end to end, in-process, on a SQLite record in a temporary directory.</summary>
public sealed class ObserveCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-cli-observe-").FullName;

    private string Db => Path.Combine(_dir, "record.db");

    private string Keyring => Path.Combine(_dir, "keyring.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Cli.Result Run(params string[] args) => Cli.Run([.. args, "--db", Db, "--keyring", Keyring]);

    private static string Sample(string name) => Path.Combine(Cli.RepositoryRoot(), "data", "observations", name);

    private string File(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private long Stored()
    {
        using var store = RecordStores.Open(Db, RecordStores.ExistingOrigin(Db)!);
        return store.Size + store.PendingCount;
    }

    [Fact]
    public void Import_SampleFiles_RecordedInBatchesAndVerified()
    {
        // The sample names several observers, so the librarian passes them on (a party's batch holds only its own rows); its demo key needs a demo record.
        var csv = Run("observe", "import", Sample("feb-2022-sample.csv"), "--demo", "--batch-size", "4");
        Assert.Equal(0, csv.ExitCode);
        Assert.Contains("recorded 6 observations", csv.Output);
        Assert.Contains("as 2 batch statement(s) signed by DETENTE-LIBRARIAN", csv.Output);
        var geo = Run("observe", "import", Sample("feb-2022-sample.geojson"), "--json");
        Assert.Equal(0, geo.ExitCode);
        Assert.Equal(2, geo.Json().GetProperty("rows").GetInt32());
        Assert.Equal(3, Stored());
        var verify = Run("record", "verify");
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("verified 3 entries", verify.Output);
    }

    // Bad inputs tried: a negative count on line 3, and a UTF-8 BOM file with a Latin-1 byte on line 2.
    [Fact]
    public void Import_BadFile_ExitTwoNamingRowAndColumn_NothingRecorded()
    {
        Assert.Equal(0, Run("observe", "import", Sample("feb-2022-sample.csv"), "--demo").ExitCode);
        var before = Stored();
        var negative = File("negative.csv", Encoding.UTF8.GetBytes(
            "time,area,party,what,count,source,confidence\n2022-02-01,BLR,RUS,troops,100,politico-2022-02-03,verified\n2022-02-02,BLR,RUS,troops,-4,politico-2022-02-03,verified\n"));
        var result = Run("observe", "import", negative, "--party", "OSCE");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("negative.csv:3:5 (count): a count cannot be negative", result.Error);
        Assert.Equal(before, Stored());

        byte[] mixed = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("time,area,party,what,count,source,confidence\n2022-02-01,BLR,RUS,troops,100,Gomel "),
            0xE9, .. Encoding.UTF8.GetBytes(",verified\n")];
        result = Run("observe", "import", File("mixed.csv", mixed), "--party", "OSCE");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mixed.csv:2:", result.Error);
        Assert.Contains("mixes encodings", result.Error);
        Assert.Equal(before, Stored());
    }

    // Bad input tried: one stored batch row changed behind the store's back.
    [Fact]
    public void Verify_ChangedBatchRow_ExitOne()
    {
        Assert.Equal(0, Run("observe", "import", Sample("feb-2022-sample.csv"), "--demo").ExitCode);
        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            // A hand edit: the stored (deflated) rows read, one figure changed, written back plain.
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT sha256, encoding, data FROM batch_rows";
            string sha;
            byte[] rows;
            using (var reader = read.ExecuteReader())
            {
                Assert.True(reader.Read());
                sha = reader.GetString(0);
                Assert.Equal("deflate", reader.GetString(1));
                using var inflate = new System.IO.Compression.DeflateStream(new MemoryStream((byte[])reader[2]), System.IO.Compression.CompressionMode.Decompress);
                using var plain = new MemoryStream();
                inflate.CopyTo(plain);
                rows = plain.ToArray();
                Assert.False(reader.Read());
            }

            var edited = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(rows).Replace("30000", "3000", StringComparison.Ordinal));
            Assert.NotEqual(rows, edited);
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "UPDATE batch_rows SET encoding = 'identity', data = @d WHERE sha256 = @h";
            cmd.Parameters.AddWithValue("@d", edited);
            cmd.Parameters.AddWithValue("@h", sha);
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        var verify = Run("record", "verify");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("no longer hash to its digest", verify.Output);
    }

    [Fact]
    public void WorldFromRecord_IncludesImportedObservations()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        var size = Stored();
        Assert.Equal(0, Run("observe", "import", Sample("feb-2022-sample.csv")).ExitCode);
        // Thirty days reach back to the estimates of Russian forces in Belarus of 3 February, which the imported rows repeat.
        var alerts = Cli.Run("alerts", "--at", "2022-02-18", "--window-days", "30", "--json", "--record", Db);
        Assert.Equal(0, alerts.ExitCode);
        var evidence = alerts.Json().GetProperty("alerts").EnumerateArray()
            .SelectMany(a => a.GetProperty("observed").GetProperty("evidence").EnumerateArray())
            .Select(e => (Fact: e.GetProperty("fact").GetString()!, Index: e.GetProperty("record_index").GetInt64())).ToList();
        Assert.Contains(evidence, e => e.Fact.StartsWith($"batch-{size}-", StringComparison.Ordinal) && e.Index == size);
    }

    [Fact]
    public void Alerts_Json_HasTheDocumentedShape()
    {
        var result = Cli.Run("alerts", "--at", "2022-02-15", "--json");
        Assert.Equal(0, result.ExitCode);
        var root = result.Json();
        Assert.Equal(["at", "alerts"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2022-02-15", root.GetProperty("at").GetString());
        var alerts = root.GetProperty("alerts").EnumerateArray().ToList();
        Assert.NotEmpty(alerts);
        foreach (var a in alerts)
        {
            Assert.Equal(["kind", "party", "where", "scope", "part", "basis", "observed", "declared", "threshold", "clause", "sources"],
                a.EnumerateObject().Select(p => p.Name));
            Assert.Contains(a.GetProperty("kind").GetString(), new[] { "unnotified-build-up", "contradicted-declaration", "own-territory-build-up", "rising-trend" });
            Assert.Contains(a.GetProperty("clause").GetProperty("status").GetString(), new[] { "disputed", "violated", "undetermined" });
            Assert.Contains(a.GetProperty("basis").GetString(), new[] { "activity", "arrival", "own-territory" });
            Assert.StartsWith("vienna-document-2011/", a.GetProperty("clause").GetProperty("id").GetString());
            Assert.NotEqual(0, a.GetProperty("sources").GetArrayLength());
        }

        var allied = Assert.Single(alerts, a => a.GetProperty("kind").GetString() == "contradicted-declaration"
                                                && a.GetProperty("threshold").GetProperty("value").GetDouble() == 13000);
        Assert.Equal("allied-resolve-2022", allied.GetProperty("declared").GetProperty("fact").GetString());
        var own = alerts.First(a => a.GetProperty("kind").GetString() == "own-territory-build-up");
        Assert.Equal(JsonValueKind.Null, own.GetProperty("declared").ValueKind);
        Assert.Equal("near Ukraine's borders", own.GetProperty("part").GetString());
        Assert.Equal("undetermined", own.GetProperty("clause").GetProperty("status").GetString());
    }

    [Fact]
    public void Check_WithAlerts_AddsObservedForcesFindings()
    {
        var without = Cli.Run("check", "--agreement", "vienna-document-2011", "--at", "2022-02-15", "--json");
        var with = Cli.Run("check", "--agreement", "vienna-document-2011", "--at", "2022-02-15", "--json", "--alerts");
        Assert.Equal(0, with.ExitCode);
        static List<JsonElement> Observed(Cli.Result r) => [.. r.Json().GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("subject").GetProperty("kind").GetString() == "observed-forces")];
        Assert.Empty(Observed(without));
        var findings = Observed(with);
        Assert.Contains(findings, f => f.GetProperty("clause").GetString() == "vienna-document-2011/47"
                                       && f.GetProperty("subject").GetProperty("id").GetString() == "RUS@BLR"
                                       && f.GetProperty("status").GetString() == "disputed");
    }

    [Fact]
    public void Demo_ShowsTheAlertsOfFifteenFebruary()
    {
        var result = Cli.Run("demo");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Alerts on 2022-02-15", result.Output);
        Assert.Contains("contradicted-declaration", result.Output);
        Assert.Contains("allied-resolve-2022", result.Output);
    }

    [Fact]
    public void CanonicalRows_EqualRecordCanonicalJson_AndDigestEqualsObservationBatchDigest()
    {
        var csv = "time,lat,lon,area,party,what,count,plusminus,source,confidence,observer\n"
                  + "2022-02-03,-0.000001,179.9999995,,RUS,\"say \"\"hi\"\" \\ back\",30000,,src é ✓,verified,NATO\n"
                  + "2022-02-03T23:59:59Z,50.100000,-30,BLR,RUS,troops,7,3,s,uncertain,OSCE\n"
                  + "2022-02-04,0,0,,RUS,troops,0,,s,disputed,OSCE\n";
        var rows = global::Detente.Verification.Observations.ObservationFile.ParseCsv("c.csv", Encoding.UTF8.GetBytes(csv), null);
        var list = new List<byte[]>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows.Row(i).ToArray();
            Assert.Equal(Encoding.UTF8.GetString(Record.Canonical.CanonicalJson.Canonicalize(row)), Encoding.UTF8.GetString(row));
            list.Add(row);
        }

        Assert.Equal(Record.Statements.ObservationBatch.Digest(list), rows.Digest(0, rows.Count));
        Assert.Contains("\"lat\":-0.000001,\"lon\":180", Encoding.UTF8.GetString(rows.Row(0)));
        Assert.Contains("\"lat\":50.1,\"lon\":-30", Encoding.UTF8.GetString(rows.Row(1)));
    }
}
