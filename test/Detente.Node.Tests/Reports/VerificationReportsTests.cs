using Detente.Core;
using Detente.Data;
using Detente.Node.Reports.Verification;
using Detente.Verification.Consultations;

namespace Detente.Node.Tests.Reports;

/// <summary>
/// The verification views' reports over the shipped regimes and events. Bad inputs tried: a missing regimes file, a missing events file,
/// an unknown regime, an observation file that does not exist, a batch size of 0, a monitor that is no party code, a --near zone with too few parts, a bad party code, a width of zero or below, a width that is not a number.
/// </summary>
public sealed class VerificationReportsTests
{
    private static readonly Lazy<Scenario> LazyScenario =
        new(() =>
        {
            var manifest = ScenarioManifest.Read(Path.Combine(Some.DataDirectory(), "scenarios", "europe-2022"));
            return ScenarioLoader.Load(manifest, Geo.Geography.AreaIds(manifest.GeoDirectory));
        });

    private static Scenario Scenario => LazyScenario.Value;

    private static string Regimes => Path.Combine(Some.DataDirectory(), "verification", "regimes.json");

    private static string[] Events => Directory.GetFiles(Path.Combine(Some.DataDirectory(), "verification", "events"), "*.json").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Open_MissingFiles_AreRefusedNamingTheOption()
    {
        Assert.StartsWith("--regimes: no such file", Assert.Throws<NodeException>(() => VerificationHistory.Open(Scenario, "/no/regimes.json", [], null)).Message);
        Assert.StartsWith("--events: no such file", Assert.Throws<NodeException>(() => VerificationHistory.Open(Scenario, Regimes, ["/no/events.json"], null)).Message);
        Assert.StartsWith("--events: no such file", Assert.Throws<NodeException>(() => VerificationHistory.LoadEvents(["/no/events.json"])).Message);
    }

    [Fact]
    public void Inspections_UnknownRegime_IsRefusedWithASuggestion()
    {
        var history = VerificationHistory.Open(Scenario, Regimes, Events, null);
        var known = history.Regimes.All.First().Id;
        var e = Assert.Throws<NodeException>(() => InspectionsReport.Build(history, new DateOnly(2022, 6, 1), known + "x"));
        Assert.StartsWith($"--regime: unknown regime '{known}x'", e.Message);
        Assert.Contains(known, e.Message[(e.Message.IndexOf('\'', 30) + 1)..]);
    }

    [Fact]
    public void Inspections_And_Consultations_OnlyCountStepsTakenByTheDay()
    {
        var history = VerificationHistory.Open(Scenario, Regimes, Events, null);
        var before = new DateOnly(1990, 1, 1);
        Assert.Empty(InspectionsReport.Build(history, before, null).Rows);
        Assert.Empty(ConsultationsReport.Build(history, before).Rows);

        var later = new DateOnly(2030, 1, 1);
        var inspections = InspectionsReport.Build(history, later, null);
        Assert.Equal(history.Ledger.Inspections.Count, inspections.Rows.Count);
        Assert.All(inspections.Rows, r => Assert.Contains(r.Stage, new[] { "requested", "refused", "accepted", "visited", "reported", "countersigned", "dissented" }));
        Assert.All(inspections.Rows, r => Assert.Matches("^(pending|overdue|accepted|refused: .*)( \\(late\\))?$", r.AnswerText));
        Assert.All(inspections.Rows, r => Assert.Equal(r.AnswerText == "overdue" || r.AnswerText.StartsWith("refused", StringComparison.Ordinal)
            || r.AnswerText.EndsWith("(late)", StringComparison.Ordinal), r.AnswerFlagged));
        var consultations = ConsultationsReport.Build(history, later);
        Assert.Equal(history.Ledger.Consultations.Count, consultations.Rows.Count);
        Assert.All(consultations.Rows.SelectMany(r => r.Answers),
            a => Assert.Contains(a.State, new[] { ConsultationState.Answered, ConsultationState.AnsweredLate, ConsultationState.Pending,
                ConsultationState.Overdue, ConsultationState.Undetermined }));
        Assert.Equal(consultations.Rows.Count, consultations.ToJson()["consultations"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("RUS,BLR:UKR")]
    [InlineData("RUS,BLR:UKR:0")]
    [InlineData("RUS,BLR:UKR:-5")]
    [InlineData("RUS,BLR:UKR:far")]
    [InlineData("RUS,blr:UKR:100")]
    [InlineData("RUS,,BLR:UKR:100")]
    public void NearBorder_Malformed_IsRefused(string text)
    {
        var e = Assert.Throws<NodeException>(() => NearBorder.Parse(text));
        Assert.Equal($"--near: expected A,B:C:KM (e.g. RUS,BLR:UKR:100), found '{text}'", e.Message);
    }

    [Fact]
    public void NearBorder_Wellformed_IsParsed()
    {
        var near = NearBorder.Parse("RUS,BLR:UKR:100.5");
        Assert.Equal([new PartyId("RUS"), new PartyId("BLR")], near.SideA);
        Assert.Equal([new PartyId("UKR")], near.SideB);
        Assert.Equal(100.5, near.Km);
    }

    [Fact]
    public void ObservationImport_BadArguments_AreRefusedBeforeTheRecordIsOpened()
    {
        var dir = Directory.CreateTempSubdirectory("detente-node-observe-").FullName;
        try
        {
            var db = Path.Combine(dir, "record.db");
            var file = Path.Combine(dir, "obs.csv");
            File.WriteAllText(file, "id\n");
            Scenario Never() => throw new InvalidOperationException("the scenario is read only after the arguments are checked");
            var cases = new (string Path, int Batch, string? Monitor, string Expected)[]
            {
                (Path.Combine(dir, "none.csv"), 10, null, "none.csv: no such file"),
                (file, 0, null, "--batch-size: expected a number from 1"),
                (file, 10, "pol", "--party: 'pol' is not a party code"),
            };
            foreach (var (path, batch, monitor, expected) in cases)
            {
                var e = Assert.Throws<NodeException>(() =>
                    ObservationImportReport.Import(db, Path.Combine(dir, "keyring.json"), false, Never, path, monitor, batch, DateTimeOffset.UtcNow));
                Assert.EndsWith(expected, e.Message);
                Assert.False(File.Exists(db));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
