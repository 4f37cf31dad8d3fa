using Detente.Core;
using Detente.Data;
using Detente.Geo;
using Detente.Negotiation;
using Detente.Node.Reports.Demo;
using Detente.Node.Reports.Negotiation;
using Detente.Node.Reports.Rules;
using Detente.Node.Reports.Situation;
using Detente.Node.Reports.Tables;
using Detente.Node.Reports.Verification;
using Detente.Node.Sessions;

namespace Detente.Node.Tests.Reports;

/// <summary>The reports' tables and pages, which the CLI draws and writes as CSV and the server and dashboard show: their columns and cells.</summary>
public sealed class ReportTablesTests
{
    private static readonly Lazy<ScenarioSession> Shipped = new(() => new ScenarioSession(null));

    private static Scenario Scenario => Shipped.Value.FromFiles;

    private static Atlas Atlas => Shipped.Value.Atlas;

    private static string[] Names(ReportTable table) => [.. table.Columns.Select(c => c.Name)];

    private static Dictionary<string, string> Row(ReportTable table, int row) =>
        table.Columns.Select((c, i) => (c.Name, table.Rows[row][i].Value)).ToDictionary(x => x.Name, x => x.Value);

    [Fact]
    public void Page_TableWithoutAName_IsShownButNotWrittenAndAHiddenOneIsWrittenOnly()
    {
        var (shown, hidden) = (new ReportTable("shown", Column.Id("A")), new ReportTable("hidden", Column.Id("A")));

        var page = new ReportPage("heading").Line("prose", "bold").Add(null, shown).Add("csv", hidden, shown: false);

        Assert.Equal(2, page.Parts.Count);
        Assert.Equal([new Cell("prose", "bold")], ((PageLine)page.Parts[0]).Spans);
        Assert.Same(shown, page.Parts[1]);
        Assert.Same(hidden, Assert.Single(page.Tables).Value);
        Assert.Equal("heading", page.Heading);
    }

    [Fact]
    public void Page_TwoTablesOfOneName_AreRefused()
    {
        var page = ReportPage.Of(new ReportTable(null, Column.Id("A")), "t");

        Assert.Throws<ArgumentException>(() => page.Add("t", new ReportTable(null, Column.Id("B"))));
    }

    [Fact]
    public void WorldSummary_Tables_AreNamedInOrderAndCountEachAlliancesMembers()
    {
        var world = Scenario.At(new DateOnly(2022, 2, 20));
        var summary = WorldSummary.Build(world, 14);

        var tables = summary.Tables();

        Assert.Equal(["alliances", "forces", "control", "activities", "observations"], tables.Keys);
        Assert.Equal(["Alliance", "Members", "Codes"], Names(tables["alliances"]));
        var nato = tables["alliances"].Rows.Single(r => r[0].Text == "NATO");
        Assert.Equal(world.MembersOf(new PartyId("NATO")).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), nato[1].Text);
        Assert.Equal(summary.ForeignByHost.Count, tables["forces"].Rows.Count);
        Assert.Equal(summary.Observations.Count, tables["observations"].Rows.Count);
        Assert.Equal(tables.Values.Select(t => t.Title), summary.Page().Parts.Cast<ReportTable>().Select(t => t.Title));
        Assert.Contains("the world on 2022-02-20", summary.Page().Heading, StringComparison.Ordinal);
    }

    [Fact]
    public void WorldTables_Deployments_ShowEveryClaimOfAFigureAndTheSourcesWholeInCsv()
    {
        var world = Scenario.At(new DateOnly(2022, 2, 20));
        var rows = ScenarioQueries.Deployments(world, new PartyId("POL"));

        var table = WorldTables.Deployments(rows, world);

        Assert.Equal(["Id", "Owner", "Host", "Where", "System", "Quantity", "Kind", "Period", "Confidence", "Sources"], Names(table));
        Assert.Equal(rows.Count, table.Rows.Count);
        var first = Row(table, 0);
        Assert.Equal(rows[0].Id.Value, first["Id"]);
        Assert.Equal("POL", first["Host"]);
        Assert.Equal(string.Join(", ", rows[0].Evidence.Sources.Select(s => s.Source.Value)), first["Sources"]);
        Assert.Equal($"{rows.Count} deployments on 2022-02-20", Assert.Single(table.Totals));
    }

    [Fact]
    public void WorldTables_Parties_GainAnAlliancesColumnOnlyWithADate()
    {
        var parties = ScenarioQueries.Parties(Scenario, PartyKind.State);
        var world = Scenario.At(new DateOnly(2022, 2, 20));

        Assert.Equal(4, WorldTables.Parties(parties, Scenario, null).Columns.Count);
        var dated = WorldTables.Parties(parties, Scenario, world);

        Assert.Equal("Alliances on 2022-02-20", dated.Columns[^1].Name);
        var poland = dated.Rows.Single(r => r[0].Text == "POL");
        Assert.Contains("NATO", poland[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WorldTables_PointControl_SaysTheTerritoryAndEveryRecordedController()
    {
        var world = Scenario.At(new DateOnly(2022, 1, 12));
        var answer = PointControl.At(Atlas, world, new GeoPoint(44.95, 34.1));

        var lines = WorldTables.PointControl(answer, world).Parts.Cast<PageLine>().Select(l => l.Text).ToList();

        Assert.Equal("44.95,34.1 on 2022-01-12: recognised territory of UKR Ukraine", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  controlled by RUS Russia, since 2014-", StringComparison.Ordinal));
    }

    [Fact]
    public void ReachReport_Page_ShowsATablePerClaimAndWritesOneTableOfEveryAnswer()
    {
        var site = Scenario.Sites[new SiteId("chernyakhovsk")];
        var report = ReachReport.FromSite(Atlas, site, Scenario.Systems[new SystemId("9m728")], null);

        var page = ReachReport.FromSite(Atlas, site, Scenario.Systems[new SystemId("9m728")], null).Page(Scenario, Atlas, speedKmh: 900);

        var shown = page.Parts.OfType<ReportTable>().ToList();
        Assert.Equal(report.Answers.Count, shown.Count);
        Assert.All(shown, t => Assert.Equal("Flight time", t.Columns[^1].Name));
        var csv = Assert.Single(page.Tables).Value;
        Assert.DoesNotContain(csv, page.Parts);
        Assert.Equal(report.Answers.Sum(a => a.Reach.States.Length), csv.Rows.Count);
        Assert.Equal("Russia", Row(csv, 0)["Name"]);
        Assert.StartsWith("Reach from chernyakhovsk", ((PageLine)page.Parts[0]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WorldTables_BorderZone_ListsTheStatesWithinTheWidth()
    {
        var zone = Atlas.BorderZone([new PartyId("RUS"), new PartyId("BLR")], [new PartyId("UKR")], 100);

        var table = WorldTables.BorderZone(zone, Scenario);

        Assert.Equal("Border zone of 100 km between BLR,RUS and UKR", table.Title); // The zone lists each side sorted.
        Assert.Equal(zone.Covers.Length, table.Rows.Count);
        Assert.Contains(table.Rows, r => r[0].Text == "UKR");
    }

    [Fact]
    public void DemoWorld_Page_HidesTablesWithoutRowsButWritesThem()
    {
        var page = DemoWorld.Build(Scenario.At(new DateOnly(1997, 6, 1)), Atlas).Page();

        var empty = page.Tables.Values.Where(t => t.Rows.Count == 0).ToList();
        Assert.NotEmpty(empty);
        Assert.All(empty, t => Assert.DoesNotContain(t, page.Parts));
        Assert.Contains(page.Tables.Values, t => t.Title == "Disputed figures (every claim kept)" && t.Rows.Count > 0);
    }

    [Fact]
    public void Verification_Tables_MarkHypotheticalRegimesAndKeepSidesOnOneLineButPlainInCsv()
    {
        var manifest = ScenarioManifest.Read(Path.Combine(Some.DataDirectory(), "scenarios", "europe-2022"));
        var scenario = ScenarioLoader.Load(manifest, Geography.AreaIds(manifest.GeoDirectory));
        var events = Directory.GetFiles(Path.Combine(Some.DataDirectory(), "verification", "events"), "*.json").Order(StringComparer.Ordinal).ToArray();
        var history = VerificationHistory.Open(scenario, Path.Combine(Some.DataDirectory(), "verification", "regimes.json"), events, null);
        var day = new DateOnly(2030, 1, 1);

        var inspections = InspectionsReport.Build(history, day, null).Table();
        var consultations = ConsultationsReport.Build(history, day).Table();

        Assert.Equal(history.Ledger.Inspections.Count, inspections.Rows.Count);
        var hypothetical = inspections.Rows.First(r => r[1].Text.EndsWith("(HYPOTHETICAL)", StringComparison.Ordinal));
        Assert.Equal("yellow", hypothetical[1].Style);
        Assert.Contains('\u00a0', hypothetical[2].Text);
        Assert.DoesNotContain('\u00a0', hypothetical[2].Value);
        Assert.Equal(history.Ledger.Consultations.Count, consultations.Rows.Count);
        Assert.Equal("From → to", consultations.Columns[1].Name);
        Assert.StartsWith($"{history.Ledger.Consultations.Count} consultation request(s) by 2030-01-01", consultations.Totals[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedValues_Table_HasARowPerField()
    {
        var table = AllowedValues.Table(AllowedValues.All);

        Assert.Equal(AllowedValues.All.Count, table.Rows.Count);
        Assert.Equal(string.Join(" ", Vocabulary.LaunchMode.Keys), table.Rows.Single(r => r[0].Text == "launch")[1].Text);
    }

    [Fact]
    public void NegotiationTables_Position_ShowsTheKindAsDataWritesItAndARowPerSource()
    {
        var data = NegotiationData.Load(Path.Combine(Paths.DataDirectory(), "negotiation"));
        var demand = data.Positions.First(p => p.Kind == PositionKind.Demand);

        var table = NegotiationTables.Position(data, demand);

        Assert.Equal(["Field", "Value"], Names(table));
        Assert.Equal("demand", table.Rows.Single(r => r[0].Text == "kind")[1].Text);
        Assert.Equal(demand.Sources.Length, table.Rows.Count(r => r[0].Text == "source"));
        Assert.Equal(data.Positions.Length, NegotiationTables.Positions(data.Positions).Rows.Count);
    }
}
