using System.Text.Json;
using System.Text.RegularExpressions;
using Detente.Cli.Rendering;

namespace Detente.Cli.Tests;

/// <summary>What a new analyst stumbled on (issue 18): widths, grouping, legends, CSV, the timeline, brief, browsing, the date rule.</summary>
public sealed class UsabilityTests
{
    private static readonly string[] Documents =
    [
        "inf-1987", "nato-2022-response", "nato-russia-founding-act-1997", "ru-nato-2021-draft", "ru-us-2021-draft", "us-2022-response",
        "vienna-document-2011",
    ];

    private static IEnumerable<string> Strings(JsonElement e, string property) =>
        e.EnumerateArray().Select(x => x.GetProperty(property).GetString()!);

    private static void AssertFits(Cli.Result result, int width, IEnumerable<string> ids)
    {
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= width, $"a line of {l.Length} columns at width {width}: {l}"));
        foreach (var id in ids.Distinct())
        {
            Assert.True(lines.Any(l => l.Contains(id, StringComparison.Ordinal)), $"'{id}' is not whole on any line at width {width}");
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void CheckAll_NarrowTerminal_KeepsEveryAgreementIdWholeWithinTheWidth(int width) =>
        AssertFits(Cli.RunAt(width, "check", "--all", "--at", "2022-01-12"), width, Documents);

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Alerts_NarrowTerminal_KeepsClauseAndSourceIdsWhole(int width)
    {
        var json = Cli.Run("alerts", "--at", "2022-02-20", "--json").Json().GetProperty("alerts");
        var ids = json.EnumerateArray().SelectMany(a => a.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).Take(2)
            .Append(a.GetProperty("clause").GetProperty("id").GetString()!)).ToList();
        Assert.Contains("vienna-document-2011/40", ids);
        AssertFits(Cli.RunAt(width, "alerts", "--at", "2022-02-20"), width, ids);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void CheckAgreement_NarrowTerminal_KeepsClausesAndSubjectsWhole(int width)
    {
        var findings = Cli.Run("check", "--agreement", "ru-nato-2021-draft", "--at", "2022-01-12", "--party", "RUS", "--json").Json().GetProperty("findings");
        var ids = findings.EnumerateArray().Where(f => f.GetProperty("subject").GetProperty("kind").GetString() is not ("party" or "clause"))
            .SelectMany(f => new[] { f.GetProperty("clause").GetString()!, f.GetProperty("subject").GetProperty("id").GetString()! }).ToList();
        Assert.NotEmpty(ids);
        AssertFits(Cli.RunAt(width, "check", "--agreement", "ru-nato-2021-draft", "--at", "2022-01-12", "--party", "RUS"), width, ids);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Brief_NarrowTerminal_StaysWithinTheWidth(int width) =>
        AssertFits(Cli.RunAt(width, "brief", "--at", "2022-02-20"), width, ["ukr-2022-02-11-russia", "obs-2022-02-18-usa-osce", "nato-russia-founding-act-1997"]);

    [Fact]
    public void WhatIf_IdenticalRowsForEveryMember_AreOneRowListingTheParties()
    {
        var overlay = Path.Combine(Cli.RepositoryRoot(), "data", "whatif", "ukraine-joins-nato.json");
        var json = Cli.Run("whatif", "--at", "2022-03-15", "--apply", overlay, "--agreement", "ru-nato-2021-draft", "--json").Json();
        var members = json.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("clause").GetString() == "ru-nato-2021-draft/6").ToList();
        Assert.True(members.Count > 20, $"{members.Count} changes of ru-nato-2021-draft/6");
        var table = Cli.Run("whatif", "--at", "2022-03-15", "--apply", overlay, "--agreement", "ru-nato-2021-draft");
        var rows = table.Output.Split('\n').Where(l => l.StartsWith("│ ru-nato-2021-draft/6 ", StringComparison.Ordinal)).ToList();
        Assert.Single(rows);
        Assert.Contains($"{members.Count} parties:", rows[0], StringComparison.Ordinal);
        Assert.True(table.Output.IndexOf("findings change", StringComparison.Ordinal) < table.Output.IndexOf('┌'), "the total comes before the table");
    }

    [Fact]
    public void CheckAll_Matrix_HasALegendAndShowsAPartyBoundOnlyByUncheckableClausesAsBound()
    {
        // The shipped documents bind no party only through uncheckable clauses any more (Russia's Founding Act row has the
        // territorial-integrity clause), so a small document of one uncheckable clause stands in for that case.
        var agreements = OnlyUncheckable();
        var result = Cli.Run("check", "--all", "--at", "2022-01-12", "--agreements", agreements);
        Assert.Contains("Legend:", result.Output);
        Assert.Contains("n/chk = clauses binding the party that no machine can check", result.Output);
        Assert.DoesNotContain(result.Output.Split('\n'), l => l.StartsWith("│ *", StringComparison.Ordinal));
        var cell = Cli.Run("check", "--all", "--at", "2022-01-12", "--agreements", agreements, "--json").Json().GetProperty("matrix")
            .EnumerateArray().Single(c => c.GetProperty("party").GetString() == "RUS" && c.GetProperty("agreement").GetString() == "honest-blanks");
        Assert.Equal(1, cell.GetProperty("not_checkable").GetInt32());
        Assert.Equal(0, cell.GetProperty("complied").GetInt32());
        var rus = result.Output.Split('\n').Single(l => l.StartsWith("│ RUS ", StringComparison.Ordinal));
        Assert.Equal("1 n/chk", rus.Split('│', StringSplitOptions.TrimEntries)[2]);
    }

    [Fact]
    public void Timeline_PartyBoundOnlyByUncheckableClauses_SaysWhyEveryCountIsZero()
    {
        var agreements = OnlyUncheckable();
        string[] args = ["timeline", "--agreement", "honest-blanks", "--party", "RUS", "--from", "2019-01-01", "--to", "2022-01-01", "--step", "year",
            "--agreements", agreements];
        var json = Cli.Run([.. args, "--json"]).Json();
        Assert.StartsWith("Nothing checkable", json.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.All(json.GetProperty("points").EnumerateArray(), p => Assert.Equal(1, p.GetProperty("counts").GetProperty("not-checkable").GetInt32()));
        var table = Cli.Run(args);
        Assert.Contains("Nothing checkable", table.Output);
        Assert.Contains("Not checkable", table.Output);
    }

    /// <summary>A directory holding one document that binds RUS and USA only through a clause no machine can check.</summary>
    private static string OnlyUncheckable()
    {
        var directory = Directory.CreateTempSubdirectory("detente-honest-blanks").FullName;
        File.WriteAllText(Path.Combine(directory, "honest-blanks.accord"), """
            agreement honest-blanks
              title "A test document whose only clause no machine can check"
              kind political-commitment
              date 1997-05-27
              parties {RUS} | {USA}
              in-force 1997-05-27 "a test document"
              source test-text "Test text" "https://example.org/test"

            article 1 "Conduct without a countable fact."
              source "Art. 1"
              clause 1 "refrain from the threat of force"
                uncheckable "threats are not recorded as facts"

            """);
        return directory;
    }

    [Fact]
    public void Timeline_EveryChangeInTheCountsIsListed()
    {
        var json = Cli.Run("timeline", "--agreement", "nato-russia-founding-act-1997", "--from", "2021-06-01", "--to", "2022-04-01", "--json").Json();
        var points = json.GetProperty("points").EnumerateArray().ToList();
        static int Total(JsonElement p) => p.GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt32());
        var sawChange = false;
        for (var i = 1; i < points.Count; i++)
        {
            var changes = points[i].GetProperty("changes").EnumerateArray().ToList();
            var appeared = changes.Count(c => c.GetProperty("before").ValueKind == JsonValueKind.Null);
            var gone = changes.Count(c => c.GetProperty("after").ValueKind == JsonValueKind.Null);
            Assert.Equal(Total(points[i]) - Total(points[i - 1]), appeared - gone);
            if (Total(points[i]) != Total(points[i - 1]))
            {
                Assert.NotEmpty(changes);
                sawChange = true;
            }
        }

        Assert.True(sawChange, "the US deployments of 2021-10-01 change the counts");
        var oct = points.Single(p => p.GetProperty("at").GetString() == "2021-10-01").GetProperty("changes").EnumerateArray().ToList();
        Assert.Contains(oct, c => c.GetProperty("subject").GetString() == "usa-pol-2021" && c.GetProperty("after").GetString() == "complied");
    }

    [Fact]
    public void Timeline_ChangesOnly_ShowsTheFirstDateAndTheDatesWithChanges()
    {
        var json = Cli.Run("timeline", "--agreement", "nato-russia-founding-act-1997", "--from", "2021-06-01", "--to", "2022-04-01", "--changes-only",
            "--json").Json();
        Assert.Equal(["2021-06-01", "2021-10-01", "2022-03-01"], json.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("at").GetString()));
    }

    [Fact]
    public void Timeline_PartyLevelChange_DoesNotRepeatTheParty()
    {
        var result = Cli.Run("timeline", "--agreement", "nato-russia-founding-act-1997", "--from", "2016-01-01", "--to", "2018-01-01", "--step", "year");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("MNE as a whole: not bound → complied", result.Output);
        Assert.DoesNotMatch(new Regex(@"\b([A-Z]{3}) \1:"), result.Output);
        Assert.DoesNotContain("— →", result.Output);
    }

    [Fact]
    public void CheckAll_Csv_ParsesBackToTheJsonMatrix()
    {
        var csv = CsvText.Parse(Cli.Run("check", "--all", "--at", "2022-01-12", "--csv").Output);
        Assert.Equal(["Party", .. Documents], csv[0]);
        var matrix = Cli.Run("check", "--all", "--at", "2022-01-12", "--json").Json().GetProperty("matrix").EnumerateArray().ToList();
        foreach (var row in csv.Skip(1))
        {
            for (var i = 1; i < row.Count; i++)
            {
                var cell = matrix.SingleOrDefault(c => c.GetProperty("party").GetString() == row[0] && c.GetProperty("agreement").GetString() == csv[0][i]);
                if (cell.ValueKind == JsonValueKind.Undefined)
                {
                    Assert.Equal("—", row[i]);
                    continue;
                }

                var words = new Dictionary<string, string>
                {
                    ["viol"] = "violated", ["disp"] = "disputed", ["n/rep"] = "not_reported", ["undet"] = "undetermined", ["ok"] = "complied", ["n/a"] = "not_applicable",
                    ["n/chk"] = "not_checkable",
                };
                if (row[i] == "not yet issued")
                {
                    Assert.Equal(0, cell.EnumerateObject().Where(p => p.Name is not ("not_applicable" or "not_checkable") && p.Value.ValueKind == JsonValueKind.Number)
                        .Sum(p => p.Value.GetInt32()));
                    continue;
                }

                var parts = (row[i].StartsWith("would: ", StringComparison.Ordinal) ? row[i]["would: ".Length..] : row[i]).Split(' ');
                var total = 0;
                for (var k = 0; k < parts.Length; k += 2)
                {
                    Assert.Equal(cell.GetProperty(words[parts[k + 1]]).GetInt32(), int.Parse(parts[k], System.Globalization.CultureInfo.InvariantCulture));
                    total += int.Parse(parts[k], System.Globalization.CultureInfo.InvariantCulture);
                }

                Assert.Equal(cell.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Sum(p => p.Value.GetInt32()), total);
            }
        }
    }

    [Fact]
    public void Deployments_Csv_HasTheTableColumnsAndTheJsonValuesWhole()
    {
        var csv = CsvText.Parse(Cli.Run("deployments", "--at", "2022-02-20", "--host", "POL", "--csv").Output);
        Assert.Equal(["Id", "Owner", "Host", "Where", "System", "Quantity", "Kind", "Period", "Confidence", "Sources"], csv[0]);
        var json = Cli.Run("deployments", "--at", "2022-02-20", "--host", "POL", "--json").Json().GetProperty("deployments").EnumerateArray().ToList();
        Assert.Equal(json.Count, csv.Count - 1);
        foreach (var (row, d) in csv.Skip(1).Zip(json))
        {
            Assert.Equal(d.GetProperty("id").GetString(), row[0]);
            Assert.Equal(d.GetProperty("owner").GetString(), row[1]);
            Assert.Equal(d.GetProperty("host").GetString(), row[2]);
            Assert.Equal(d.GetProperty("confidence").GetString(), row[8]);
            Assert.Equal(string.Join(", ", d.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("ref").GetString())), row[9]);
        }
    }

    [Fact]
    public void Alerts_Csv_HasOneRecordPerAlertWithTheClause()
    {
        var csv = CsvText.Parse(Cli.Run("alerts", "--at", "2022-02-15", "--csv").Output);
        var json = Cli.Run("alerts", "--at", "2022-02-15", "--json").Json().GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(json.Count, csv.Count - 1);
        var finding = csv[0].IndexOf("Finding");
        Assert.Equal(json.Select(a => $"{a.GetProperty("clause").GetProperty("id").GetString()} {a.GetProperty("clause").GetProperty("status").GetString()}"),
            csv.Skip(1).Select(r => r[finding]));
    }

    [Fact]
    public void Csv_WithJson_IsBadInput()
    {
        var result = Cli.Run("deployments", "--at", "2022-02-20", "--csv", "--json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("choose one of --json and --csv", result.Error);
    }

    [Fact]
    public void World_CsvWithoutTable_ListsTheTables()
    {
        var result = Cli.Run("world", "--at", "2022-02-20", "--csv");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("alliances, forces, control, activities, observations", result.Error);
        var bad = Cli.Run("world", "--at", "2022-02-20", "--csv", "--table", "observation");
        Assert.Contains("did you mean 'observations'?", bad.Error);
        var ok = CsvText.Parse(Cli.Run("world", "--at", "2022-02-20", "--csv", "--table", "observations").Output);
        Assert.Equal("Id", ok[0][0]);
    }

    [Fact]
    public void World_ObservationsAreThoseTheAlertsUse()
    {
        var world = Cli.Run("world", "--at", "2022-02-20", "--json").Json();
        var observed = Strings(world.GetProperty("observations"), "id").ToHashSet();
        Assert.NotEmpty(observed);
        var alerts = Cli.Run("alerts", "--at", "2022-02-20", "--json").Json().GetProperty("alerts").EnumerateArray().ToList();
        Assert.Contains(alerts, a => a.GetProperty("observed").GetProperty("max").GetDouble() == 179_500);
        foreach (var alert in alerts.Where(a => a.GetProperty("kind").GetString() != "rising-trend"))
        {
            foreach (var fact in Strings(alert.GetProperty("observed").GetProperty("evidence"), "fact"))
            {
                Assert.Contains(fact, observed);
            }
        }
    }

    [Fact]
    public void Brief_Json_HoldsTheWorldTheMatrixWithAlertsTheAlertsAndTheConsultations()
    {
        var json = Cli.Run("brief", "--at", "2022-02-20", "--json").Json();
        Assert.Equal("2022-02-20", json.GetProperty("at").GetString());
        Assert.NotEmpty(json.GetProperty("world").GetProperty("observations").EnumerateArray());
        Assert.True(json.GetProperty("matrix_includes_alerts").GetBoolean());
        Assert.NotEmpty(json.GetProperty("alerts").EnumerateArray());
        Assert.Contains("ukr-2022-02-11-russia", Strings(json.GetProperty("consultations"), "id"));
        var vienna = json.GetProperty("matrix").EnumerateArray()
            .Single(c => c.GetProperty("party").GetString() == "RUS" && c.GetProperty("agreement").GetString() == "vienna-document-2011");
        var without = Cli.Run("brief", "--at", "2022-02-20", "--no-alerts", "--json").Json().GetProperty("matrix").EnumerateArray()
            .Single(c => c.GetProperty("party").GetString() == "RUS" && c.GetProperty("agreement").GetString() == "vienna-document-2011");
        // The alerts of 20 February are build-ups on Russia's own territory: undetermined under Chapter V, not disputed.
        Assert.True(vienna.GetProperty("undetermined").GetInt32() > without.GetProperty("undetermined").GetInt32());
        Assert.Equal(vienna.GetProperty("disputed").GetInt32(), without.GetProperty("disputed").GetInt32());
    }

    [Fact]
    public void Brief_Table_ShowsEverySectionWithItsLegend()
    {
        var result = Cli.Run("brief", "--at", "2022-02-20");
        Assert.Equal(0, result.ExitCode);
        foreach (var section in new[] { "Brief for 2022-02-20", "Alliances", "Compliance on 2022-02-20", "Legend:", "Alerts on 2022-02-20", "Observations of the 14 days",
                     "Consultations on 2022-02-20" })
        {
            Assert.Contains(section, result.Output);
        }
    }

    [Fact]
    public void Systems_UnknownLaunch_ListsTheAllowedValues()
    {
        var result = Cli.Run("systems", "--launch", "land");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--launch: unknown value 'land'; expected one of: ground, sea, air, none", result.Error);
        var ground = Cli.Run("systems", "--launch", "ground", "--json").Json().GetProperty("systems");
        Assert.NotEmpty(ground.EnumerateArray());
        Assert.All(ground.EnumerateArray(), s => Assert.Equal("ground", s.GetProperty("launch").GetString()));
    }

    [Fact]
    public void Sites_Parties_FilterAndExport()
    {
        var sites = Cli.Run("sites", "--host", "ROU", "--json").Json().GetProperty("sites");
        Assert.Contains("aegis-ashore-deveselu", Strings(sites, "id"));
        Assert.All(sites.EnumerateArray(), s => Assert.Equal("ROU", s.GetProperty("host").GetString()));
        var csv = CsvText.Parse(Cli.Run("sites", "--host", "ROU", "--csv").Output);
        Assert.Equal(sites.GetArrayLength() + 1, csv.Count);
        var alliances = Cli.Run("parties", "--kind", "alliance", "--at", "2022-01-12", "--json").Json().GetProperty("parties");
        Assert.Equal(["CSTO", "NATO"], Strings(alliances, "code"));
        Assert.Equal(2, Cli.Run("sites", "--kind", "bunker").ExitCode);
    }

    [Fact]
    public void Values_ListEveryClosedSet_AndAnUnknownFieldListsTheFields()
    {
        var json = Cli.Run("values", "--json").Json().GetProperty("fields").EnumerateArray().ToList();
        var fields = json.ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList());
        Assert.Equal(["ground", "sea", "air", "none"], fields["launch"]);
        Assert.Equal(["permanent", "rotational", "temporary"], fields["permanence"]);
        Assert.Contains("km", fields["parameter-type"]);
        foreach (var name in new[] { "category", "mission", "unit" })
        {
            Assert.Contains(name, fields.Keys);
        }

        var bad = Cli.Run("values", "lanch");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("did you mean 'launch'?", bad.Error);
        Assert.Contains("permanence", bad.Error);
    }

    [Fact]
    public void Values_TheRuleLanguageAcceptsExactlyTheDataFormatsWords()
    {
        var json = Cli.Run("values", "--json").Json().GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).Order().ToList());
        foreach (var (family, words) in Detente.Rules.RuleEngine.WordFamilies)
        {
            Assert.Equal(words.Order(), json[family]);
        }
    }

    public static TheoryData<string[]> VerbsThatEvaluateADate => new()
    {
        new[] { "world" }, new[] { "world", "members", "NATO" }, new[] { "world", "control", "--point", "44.95,34.1" }, new[] { "deployments" },
        new[] { "check", "--all" }, new[] { "explain", "ru-nato-2021-draft/4" }, new[] { "alerts" }, new[] { "consultations" },
        new[] { "inspections", "list" }, new[] { "inspections", "balance" }, new[] { "obligations" }, new[] { "issues", "list" }, new[] { "brief" },
        new[] { "observe", "forces" }, new[] { "agreements", "diff", "inf-1987", "ru-us-2021-draft" },
        new[] { "whatif", "--apply", "data/whatif/ukraine-joins-nato.json" }, new[] { "audit", "balance" },
    };

    [Theory]
    [MemberData(nameof(VerbsThatEvaluateADate))]
    public void VerbThatEvaluatesADate_WithoutAt_IsBadInputAndItsHelpSaysSo(string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--at", result.Error);
        var help = Cli.Run([.. args, "--help"]);
        Assert.Contains("required; no verb but demo has a default date", help.Output.Replace("\n", " ", StringComparison.Ordinal)
            .Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_Help_DocumentsItsDefaultDate()
    {
        var help = Cli.Run("demo", "--help");
        Assert.Contains("default 2022-01-12", help.Output);
    }

    [Fact]
    public void Reach_GeoJson_HasTheOriginAndAGeodesicRingPerRangeClaim()
    {
        var json = Cli.Run("reach", "--site", "chernyakhovsk", "--system", "9m723", "--geojson").Json();
        Assert.Equal("FeatureCollection", json.GetProperty("type").GetString());
        var features = json.GetProperty("features").EnumerateArray().ToList();
        var origin = features.Single(f => f.GetProperty("geometry").GetProperty("type").GetString() == "Point").GetProperty("geometry").GetProperty("coordinates");
        var centre = new Core.GeoPoint(origin[1].GetDouble(), origin[0].GetDouble());
        var ring = features.First(f => f.GetProperty("geometry").GetProperty("type").GetString() == "Polygon");
        var km = ring.GetProperty("properties").GetProperty("range_km").GetDouble();
        var points = ring.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(p => new Core.GeoPoint(p[1].GetDouble(), p[0].GetDouble())).ToList();
        Assert.Equal(points[0], points[^1]);
        Assert.All(points, p => Assert.InRange(Geo.Geodesic.DistanceMetres(centre, p) / 1000, km - 0.5, km + 0.5));
    }

    [Fact]
    public void Check_GeoJson_PlacesFindingsAboutDeploymentsAtTheirSites()
    {
        var json = Cli.Run("check", "--agreement", "ru-nato-2021-draft", "--at", "2022-01-12", "--geojson").Json();
        var features = json.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.Equal("Point", f.GetProperty("geometry").GetProperty("type").GetString()));
        Assert.True(json.GetProperty("properties").GetProperty("findings").GetInt32() > features.Count);
        Assert.Contains(features, f => f.GetProperty("properties").GetProperty("status").GetString() == "violated");
    }

    [Fact]
    public void ZonesBorder_ListsCoveredStatesAndDrawsTheBorder()
    {
        var json = Cli.Run("zones", "border", "RUS,BLR", "UKR", "--width", "100", "--json").Json();
        Assert.Contains("UKR", json.GetProperty("covers").EnumerateArray().Select(c => c.GetProperty("state").GetString()));
        Assert.True(json.GetProperty("border_length_km").GetDouble() > 1000);
        var geo = Cli.Run("zones", "border", "RUS,BLR", "UKR", "--width", "100", "--geojson").Json();
        Assert.Equal("MultiLineString", geo.GetProperty("features")[0].GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(2, Cli.Run("zones", "border", "RUS", "UKR", "--width", "0").ExitCode);
        Assert.Contains("did you mean", Cli.Run("zones", "border", "RUSS", "UKR", "--width", "10").Error);
    }
}
