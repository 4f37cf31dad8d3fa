using System.Text;

namespace Detente.Cli.Tests;

/// <summary>
/// What a new analyst stumbled on in the negotiation and observation verbs: proposals with their own sources, open positions
/// labelled red line or demand, the best package's tie-break, local sightings kept apart from state-wide estimates, and source
/// ids of observation files checked.
/// </summary>
public sealed class NegotiationOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-cli-negotiation-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string NonPaper => Path.Combine(Cli.RepositoryRoot(), "data", "negotiation", "proposals", "us-nonpaper-2022-01-26.json");

    [Fact]
    public void Propose_OpenColumn_SaysWhichAreRedLinesAndWhichDemands()
    {
        var result = Cli.Run("propose", NonPaper, "--parties", "NATO");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("red line: No withdrawal of allied forces", result.Output);
        Assert.Matches(@"demand \(\d+\): Russia withdraws forces deployed in Ukraine", result.Output);
        Assert.Contains("Sources: Associated Press (via westport-news.com), 'Leaked US reply", result.Output);
    }

    [Fact]
    public void Propose_FileDeclaringItsOwnSource_IsScoredAndCitesIt()
    {
        var file = Write("p.json", """
            { "id": "p", "title": "An analyst's package", "party": "USA", "date": "2022-01-26",
              "values": { "enlargement-ban": "no" },
              "sources": ["us-nonpaper-ap",
                          { "id": "analyst-note-1", "title": "A package put together for a seminar", "publisher": "Example think tank",
                            "date": "2022-02-01", "url": null, "kind": "press", "reliability": "C", "origin": "independent", "confidence": "uncertain" }] }
            """);
        var result = Cli.Run("propose", file, "--parties", "RUS", "--json");
        Assert.Equal(0, result.ExitCode);
        var sources = result.Json().GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(2, sources.Count);
        Assert.Equal("Example think tank", sources[1].GetProperty("publisher").GetString());
        Assert.Equal("uncertain", sources[1].GetProperty("confidence").GetString());
    }

    [Theory]
    [InlineData("\"us-nonpaper-a\"", "3:15: unknown source 'us-nonpaper-a': add it to sources.json or define it in this file", "did you mean 'us-nonpaper-ap'?")]
    [InlineData("{ \"id\": \"us-nonpaper-ap\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"verified\" }",
        "3:23: source 'us-nonpaper-ap' is already defined in sources.json; cite it by its id", "")]
    [InlineData("{ \"id\": \"n\", \"title\": \"t\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"verified\" }", "'publisher'", "")]
    [InlineData("{ \"id\": \"n\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"sure\" }", "3:", "sure")]
    public void Propose_BadOwnSource_ExitTwoAtItsLineAndColumn(string source, string expected, string alsoExpected)
    {
        var file = Write("bad.json", "{ \"id\": \"p\", \"title\": \"t\", \"party\": \"USA\", \"date\": \"2022-01-26\",\n"
                                     + "  \"values\": { \"enlargement-ban\": \"no\" },\n"
                                     + "  \"sources\": [" + source + "] }\n");
        var result = Cli.Run("propose", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Contains(alsoExpected, result.Error);
    }

    [Fact]
    public void Analyze_BestPackage_StatesItsTieBreak()
    {
        var result = Cli.Run("analyze", "--parties", "USA,NATO", "--at", "2022-01-26");
        Assert.Equal(0, result.ExitCode);
        var text = System.Text.RegularExpressions.Regex.Replace(result.Output, @"\s+", " ");
        Assert.Matches(@"Chosen by: fewest red lines crossed; then the most demand weight, each party's demands counting equally; then the most of the \d+ "
                       + "measured issues left at their status-quo value; a tie left after that is settled by the solver's search order", text);
        var json = Cli.Run("analyze", "--parties", "USA,NATO", "--at", "2022-01-26", "--json").Json();
        var best = json.GetProperty("packages").EnumerateArray().First();
        Assert.True(best.GetProperty("best").GetBoolean());
        Assert.StartsWith("fewest red lines crossed", best.GetProperty("chosen_by").GetString());
    }

    // A state-wide estimate of 160,000 (CSV, no coordinates) and a sighting of 8,000 at a point in Russia by the same observer.
    private string RecordWithLocalSighting()
    {
        var db = Path.Combine(_dir, "r.db");
        var keyring = Path.Combine(_dir, "k.json");
        var national = Write("national.csv", "time,area,party,what,count,source,confidence,observer\n"
                                             + "2022-02-16,RUS,RUS,troops,160000,businessinsider-2022-02-18,verified,USA\n");
        var local = Write("local.geojson", """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [33.17, 54.58]},
               "properties": {"time": "2022-02-18", "party": "RUS", "what": "troops", "count": 8000,
                              "source": "businessinsider-2022-02-18", "confidence": "uncertain", "observer": "USA"}}]}
            """);
        Assert.Equal(0, Cli.Run("observe", "import", national, "--party", "USA", "--demo", "--db", db, "--keyring", keyring).ExitCode);
        Assert.Equal(0, Cli.Run("observe", "import", local, "--party", "USA", "--demo", "--db", db, "--keyring", keyring).ExitCode);
        return db;
    }

    [Fact]
    public void ObserveForces_LocalSightingAndNationalEstimate_KeptApart()
    {
        var db = RecordWithLocalSighting();
        var json = Cli.Run("observe", "forces", "--at", "2022-02-20", "--db", db, "--json").Json();
        var rus = json.GetProperty("forces").EnumerateArray().Where(f => f.GetProperty("where").GetString() == "RUS").ToList();
        Assert.Equal(2, rus.Count);
        var state = rus.Single(f => f.GetProperty("scope").GetString() == "state");
        Assert.Equal(160000, state.GetProperty("median").GetDouble());
        Assert.Equal(160000, state.GetProperty("unmatched").GetDouble());
        var local = rus.Single(f => f.GetProperty("scope").GetString() == "local");
        Assert.Equal(8000, local.GetProperty("median").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, local.GetProperty("unmatched").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, local.GetProperty("deployments").ValueKind);

        var table = Cli.Run("observe", "forces", "--at", "2022-02-20", "--db", db);
        Assert.Matches(@"│ RUS +│ RUS +│ local sightings │ 1 +│ 8,000 ", table.Output);
        Assert.Contains("aggregated apart from state-wide estimates", table.Output);
    }

    [Fact]
    public void ObserveImport_UnknownSource_ExitTwoAtLineAndColumnWithSuggestion_NothingRecorded()
    {
        var db = Path.Combine(_dir, "r.db");
        var keyring = Path.Combine(_dir, "k.json");
        var csv = Write("bad.csv", "time,area,party,what,count,source,confidence,observer\n"
                                   + "2022-02-03,BLR,RUS,troops,30000,politico-2022-02-03,verified,NATO\n"
                                   + "2022-02-04,BLR,RUS,troops,31000,politco-2022-02-03,verified,NATO\n");
        var result = Cli.Run("observe", "import", csv, "--party", "NATO", "--db", db, "--keyring", keyring);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.csv:3:6 (source): unknown source 'politco-2022-02-03'", result.Error);
        Assert.Contains("did you mean 'politico-2022-02-03'?", result.Error);
        Assert.False(File.Exists(db) && Cli.Run("record", "list", "--db", db).Output.Contains("observation-batch", StringComparison.Ordinal));
    }

    [Fact]
    public void ObserveImport_GeoJsonDeclaringItsSource_RecordedAndTheWorldKnowsTheSource()
    {
        var db = Path.Combine(_dir, "r.db");
        var keyring = Path.Combine(_dir, "k.json");
        var file = Write("declared.geojson", """
            {"type": "FeatureCollection",
             "features": [
              {"type": "Feature", "geometry": null,
               "properties": {"time": "2022-02-18", "area": "BLR", "party": "RUS", "what": "troops", "count": 30000,
                              "source": "sat-2022-02-18", "confidence": "uncertain", "observer": "NATO"}}],
             "sources": [{"id": "sat-2022-02-18", "title": "Satellite images of Belarus, 18 February 2022", "publisher": "Example monitor",
                          "date": "2022-02-18", "url": null, "kind": "dataset"}]}
            """);
        Assert.Equal(0, Cli.Run("observe", "import", file, "--party", "NATO", "--demo", "--db", db, "--keyring", keyring).ExitCode);
        var shown = Cli.Run("record", "show", "0", "--db", db, "--keyring", keyring);
        Assert.Contains("\"publisher\": \"Example monitor\"", shown.Output);

        // A second file may cite the source the record now states.
        var second = Write("second.csv", "time,area,party,what,count,source,confidence,observer\n"
                                         + "2022-02-19,BLR,RUS,troops,31000,sat-2022-02-18,uncertain,NATO\n");
        Assert.Equal(0, Cli.Run("observe", "import", second, "--party", "NATO", "--db", db, "--keyring", keyring).ExitCode);
    }

    [Theory]
    [InlineData("\"kind\": \"satellite\"", "(kind): a declared source has kind 'satellite'; expected one of official, press")]
    [InlineData("\"kind\": \"dataset\", \"licence\": \"x\"", "(licence): a declared source has an unknown member 'licence'")]
    [InlineData("\"kind\": \"dataset\", \"title\": 3", "(title): a declared source needs 'title' as a string")]
    public void ObserveImport_BadDeclaredSource_ExitTwoAtLineAndColumn(string member, string expected)
    {
        var file = Write("bad.geojson", "{\"type\": \"FeatureCollection\", \"features\": [],\n \"sources\": [{\"id\": \"s\", \"publisher\": \"p\", "
                                        + "\"date\": \"2022\", " + member.Replace("\"title\": 3", "\"title\": 3", StringComparison.Ordinal)
                                        + (member.Contains("title", StringComparison.Ordinal) ? "" : ", \"title\": \"t\"") + "}]}\n");
        var result = Cli.Run("observe", "import", file, "--party", "NATO", "--db", Path.Combine(_dir, "r.db"), "--keyring", Path.Combine(_dir, "k.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"bad\.geojson:2:\d+ ", result.Error);
        Assert.Contains(expected, result.Error);
    }
}
