using Detente.Core;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;
using Detente.Data;
using Detente.Verification.Alerts;
using Detente.Verification.Observations;
using Xunit;

namespace Detente.Verification.Tests.Alerts;

/// <summary>Alerts on the shipped europe-2022 scenario, thresholds read from the shipped Vienna Document parameters.</summary>
public sealed class AlertEngineTests
{
    private static readonly Lazy<(Scenario Scenario, AgreementLibrary Library, RuleEngine Evaluator)> Shipped = new(() =>
    {
        var data = DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var engine = new RuleEngine(geography);
        Assert.True(engine.TryLoad(Path.Combine(data, "agreements"), out var library, out var errors), string.Join("\n", errors));
        return (ScenarioLoader.Load(Path.Combine(data, "scenarios", "europe-2022")), library, engine);
    });

    internal static string DataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Detente.slnx")))
            {
                return Path.Combine(dir.FullName, "data");
            }
        }

        throw new InvalidOperationException("run the tests inside the repository");
    }

    private static IReadOnlyList<Alert> AlertsAt(DateOnly at)
    {
        var (scenario, library, evaluator) = Shipped.Value;
        var world = scenario.At(at);
        var thresholds = AlertThresholds.From(library.Find("vienna-document-2011")!, evaluator, world);
        return new AlertEngine(thresholds).Evaluate(world, ObservationTable.From(scenario.Observations, null, at));
    }

    [Fact]
    public void Thresholds_ComeFromTheAgreementParameters()
    {
        var (scenario, library, evaluator) = Shipped.Value;
        var t = AlertThresholds.From(library.Find("vienna-document-2011")!, evaluator, scenario.At(new DateOnly(2022, 2, 15)));
        Assert.Equal([9000d, 13000d], t.Troops.Select(x => x.Value));
        Assert.Equal(["vienna-document-2011/38", "vienna-document-2011/47"], t.Troops.Select(x => x.Clause.ToString()));
        Assert.Equal(42, t.NoticeDays);
        Assert.Equal(9000, t.Concentration.Value);
        Assert.Equal("vienna-document-2011/40", t.Concentration.Clause.ToString());
        Assert.Contains("40.3", t.Concentration.Note);
    }

    [Fact]
    public void AlliedResolve_DeclarationContradictedByNatoEstimate()
    {
        var alerts = AlertsAt(new DateOnly(2022, 2, 15));
        var contradicted = alerts.Where(a => a.Kind == AlertKind.ContradictedDeclaration && a.Party == "RUS" && a.Where == "BLR").ToList();
        Assert.NotEmpty(contradicted);
        Assert.All(contradicted, a =>
        {
            Assert.Equal("allied-resolve-2022", a.Declared!.Fact);
            Assert.Equal(30000, a.Match.Observed.Max);
            Assert.Equal(FindingStatus.Disputed, a.Status);
            Assert.Contains("politico-2022-02-03", a.Sources);
            Assert.Contains(a.Evidence, e => e.Fact == "obs-2022-02-03-nato-belarus");
        });
        Assert.Contains(contradicted, a => a.Threshold.Clause.ToString() == "vienna-document-2011/47");
        var finding = contradicted[0].ToFinding();
        Assert.Equal(FindingStatus.Disputed, finding.Status);
    }

    [Fact]
    public void BuildUpNearUkraine_OnRussiasOwnTerritory_IsUndeterminedUnderPara403_NotAChapterVViolation()
    {
        var alerts = AlertsAt(new DateOnly(2022, 2, 15)).Where(a => a.Party == "RUS" && a.Where == "RUS").ToList();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a =>
        {
            Assert.Equal(AlertBasis.OwnTerritory, a.Basis);
            Assert.Equal(FindingStatus.Undetermined, a.Status);
            Assert.Equal("vienna-document-2011/40", a.Threshold.Clause.ToString());
            Assert.Equal("near Ukraine's borders", a.Scope.Part);
            Assert.Contains("Chapter III (para 16", a.Explanation);
            Assert.Equal(FindingStatus.Undetermined, a.ToFinding().Status);
        });
        Assert.DoesNotContain(alerts, a => a.Kind == AlertKind.UnnotifiedBuildUp);
        var level = Assert.Single(alerts, a => a.Kind == AlertKind.OwnTerritoryBuildUp);
        Assert.Equal(130000, level.Match.Observed.Min);
        Assert.Equal(150000, level.Match.Observed.Max);
        var trend = Assert.Single(alerts, a => a.Kind == AlertKind.RisingTrend);
        Assert.True(trend.Series.Length >= 3);
        Assert.Contains("wapo-2022-02-16", trend.Sources);
    }

    [Fact]
    public void FigureInAndNearUkraine_IsItsOwnScope_NotInTheRussiaSeries()
    {
        var alerts = AlertsAt(new DateOnly(2022, 2, 20));
        Assert.DoesNotContain(alerts, a => a.Where == "RUS" && a.Match.Observed.Estimates.Any(e => e.Count >= 169000));
        Assert.All(alerts.Where(a => a.Where == "BLR+RUS+UKR"), a => Assert.Equal(AlertBasis.OwnTerritory, a.Basis));
    }

    [Fact]
    public void NoObservations_NoAlerts()
    {
        Assert.Empty(AlertsAt(new DateOnly(2020, 6, 1)));
    }

    [Fact]
    public void Trend_CrossingAThreshold_AndOwnFigureIsViolated()
    {
        var (scenario, _, _) = Shipped.Value;
        var world = scenario.At(new DateOnly(2022, 3, 31));
        var table = new ObservationTable(8);
        int party = table.Names.Id("XAA"), place = table.Names.Id("XBB"), troops = table.Names.Id("troops"), own = table.Names.Id("XAA");
        table.Add(new DateOnly(2022, 3, 7), party, place, troops, own, 5000, 5000, 5000);
        table.Add(new DateOnly(2022, 3, 14), party, place, troops, own, 8000, 8000, 8000);
        table.Add(new DateOnly(2022, 3, 21), party, place, troops, own, 12000, 12000, 12000);
        table.Add(new DateOnly(2022, 3, 28), party, place, troops, own, 14000, 14000, 14000);
        var thresholds = AlertThresholds.Of("test", 42, new Threshold(9000, "c", "", ClauseId.Parse("t/40")), new Threshold(9000, "n", "", ClauseId.Parse("t/38")),
            new Threshold(13000, "o", "", ClauseId.Parse("t/47")));
        var alerts = new AlertEngine(thresholds).Evaluate(world, table);
        var trend = Assert.Single(alerts, a => a.Kind == AlertKind.RisingTrend);
        Assert.Equal("crossed", trend.Trend);
        Assert.Equal(13000, trend.Threshold.Value);
        Assert.Equal(FindingStatus.Violated, trend.Status);
        Assert.Equal(AlertBasis.Arrival, trend.Basis);
    }
}

/// <summary>
/// The same rule for every party: an exercise is judged by the activity thresholds whoever holds it, forces that no activity explains
/// in another state by the arrival threshold of para 40.3, and forces on a party's own territory that no activity explains are
/// undetermined, whoever they belong to and whoever counts them.
/// </summary>
public sealed class AlertFootingTests
{
    private static readonly Lazy<(Scenario Scenario, AlertThresholds Thresholds)> Shipped = new(() =>
    {
        var data = AlertEngineTests.DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var scenario = ScenarioLoader.Load(Path.Combine(data, "scenarios", "europe-2022"));
        var engine = new RuleEngine(geography);
        Assert.True(engine.TryLoad(Path.Combine(data, "agreements"), out var library, out var errors), string.Join("\n", errors));
        return (scenario, AlertThresholds.From(library.Find("vienna-document-2011")!, engine, scenario.At(new DateOnly(2022, 2, 15))));
    });

    private static int _next;

    private static Observation Seen(string observer, string party, string day, string host, double count, string? where = null, GeoPoint? at = null) =>
        new(new FactId($"test-obs-{Interlocked.Increment(ref _next)}"), new PartyId(observer), new PartyId(party), new Period(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)),
            where, [new PartyId(host)], at, "troops", Quantity.Of(count), null, Provenance.Observed, Evidence.From(new SourceId("test-source"), Confidence.Verified));

    private static IReadOnlyList<Alert> Alerts(DateOnly at, params Observation[] observations)
    {
        var (scenario, thresholds) = Shipped.Value;
        return new AlertEngine(thresholds).Evaluate(scenario.At(at), ObservationTable.From(observations, null, at));
    }

    [Fact]
    public void RussianBuildUpNearUkraine_AndUsBuildUpAtHome_AreBothUndetermined_InTheSameWords()
    {
        var russian = Assert.Single(Alerts(new DateOnly(2022, 2, 15), Seen("USA", "RUS", "2022-02-14", "RUS", 120000, "near Ukraine's borders")));
        var american = Assert.Single(Alerts(new DateOnly(2022, 2, 15), Seen("RUS", "USA", "2022-02-14", "USA", 120000, "Fort Bragg area")));
        foreach (var a in new[] { russian, american })
        {
            Assert.Equal(AlertKind.OwnTerritoryBuildUp, a.Kind);
            Assert.Equal(AlertBasis.OwnTerritory, a.Basis);
            Assert.Equal(FindingStatus.Undetermined, a.Status);
            Assert.Equal("vienna-document-2011/40", a.Threshold.Clause.ToString());
        }

        Assert.Equal(AlertEngine.OwnTerritoryReason("RUS"), russian.Explanation[(russian.Explanation.IndexOf("; ", StringComparison.Ordinal) + 2)..]);
        Assert.Equal(AlertEngine.OwnTerritoryReason("USA"), american.Explanation[(american.Explanation.IndexOf("; ", StringComparison.Ordinal) + 2)..]);
    }

    [Fact]
    public void OwnFigureOnOwnTerritory_StaysUndetermined()
    {
        var a = Assert.Single(Alerts(new DateOnly(2022, 2, 15), Seen("RUS", "RUS", "2022-02-14", "RUS", 50000, "Southern Military District")));
        Assert.Equal(FindingStatus.Undetermined, a.Status);
    }

    [Fact]
    public void NationalTotalOnOwnTerritory_RaisesNothing()
    {
        Assert.Empty(Alerts(new DateOnly(2022, 2, 15), Seen("UKR", "RUS", "2022-02-14", "RUS", 900000), Seen("RUS", "USA", "2022-02-14", "USA", 480000, "United States")));
    }

    [Fact]
    public void NatoExercise_AndRussianExercise_AreJudgedByTheActivityThresholds()
    {
        // Defender Europe 21 (USA, in Romania among others; no notice recorded) and Zapad-2021 (Russia, on its own territory).
        var nato = Alerts(new DateOnly(2021, 5, 20), Seen("RUS", "USA", "2021-05-18", "ROU", 20000));
        var russian = Alerts(new DateOnly(2021, 9, 15), Seen("UKR", "RUS", "2021-09-14", "RUS", 20000));
        Assert.Equal(["vienna-document-2011/38", "vienna-document-2011/47"], nato.Select(a => a.Threshold.Clause.ToString()).Order());
        Assert.Equal(["vienna-document-2011/38", "vienna-document-2011/47"], russian.Select(a => a.Threshold.Clause.ToString()).Order());
        Assert.All(nato.Concat(russian), a =>
        {
            Assert.Equal(AlertBasis.Activity, a.Basis);
            Assert.Equal(FindingStatus.Disputed, a.Status);
        });
        Assert.All(nato, a => Assert.Equal(AlertKind.UnnotifiedBuildUp, a.Kind));

        // Russia's figure of 6,400 for Zapad-2021 on its territory is below both thresholds: the estimate contradicts it.
        Assert.All(russian, a => Assert.Equal(AlertKind.ContradictedDeclaration, a.Kind));
    }

    [Fact]
    public void ForcesArrivingAbroad_UsInPoland_AndRussiaInBelarus_AreJudgedByPara403()
    {
        var us = Alerts(new DateOnly(2022, 2, 15), Seen("RUS", "USA", "2022-02-14", "POL", 12000));
        var ru = Alerts(new DateOnly(2022, 3, 10), Seen("UKR", "RUS", "2022-03-08", "BLR", 12000));
        foreach (var alerts in new[] { us, ru })
        {
            var a = Assert.Single(alerts);
            Assert.Equal(AlertBasis.Arrival, a.Basis);
            Assert.Equal(AlertKind.UnnotifiedBuildUp, a.Kind);
            Assert.Equal("vienna-document-2011/40", a.Threshold.Clause.ToString());
            Assert.Equal(FindingStatus.Disputed, a.Status);
        }

        // The US forces declared in Poland (DMDC count and the 82nd Airborne's first 1,700) are subtracted: 12,000 less 1,871.5 is under 13,000.
        Assert.Contains("beyond the 1,872 declared or stationed there", us[0].Explanation);
    }

    [Fact]
    public void Garrison_ReportedByTheLibrarian_IsNotAnArrival()
    {
        // Russia's base in Armenia (3,000-5,000 reported, permanent): an estimate of 12,000 leaves 8,000 unexplained, under 9,000.
        Assert.Empty(Alerts(new DateOnly(2021, 6, 1), Seen("USA", "RUS", "2021-05-30", "ARM", 12000)));
        Assert.Single(Alerts(new DateOnly(2021, 6, 1), Seen("USA", "RUS", "2021-05-30", "ARM", 14000)));
    }

    [Fact]
    public void Trend_DoesNotMixANationalTotal_ARegion_AndLocalSightings()
    {
        // US troops in Norway: local sightings (W1), a regional figure (W2), a state-wide figure (W3) rise from one scope to another.
        var alerts = Alerts(new DateOnly(2022, 2, 20),
            Seen("RUS", "USA", "2022-02-01", "NOR", 3000, at: new GeoPoint(68.4, 17.4)),
            Seen("RUS", "USA", "2022-02-08", "NOR", 8000, "Troms"),
            Seen("RUS", "USA", "2022-02-15", "NOR", 35000));
        Assert.DoesNotContain(alerts, a => a.Kind == AlertKind.RisingTrend);
        Assert.All(alerts, a => Assert.Single(a.Match.Observed.Estimates));
        Assert.Contains(alerts, a => a.Scope.Kind == "state");
        Assert.DoesNotContain(alerts, a => a.Scope.Kind == "part");
    }

    [Fact]
    public void Trend_WithinOneRegion_IsStillATrend()
    {
        var alerts = Alerts(new DateOnly(2022, 2, 20),
            Seen("UKR", "RUS", "2022-02-01", "RUS", 60000, "near Ukraine's borders"),
            Seen("UKR", "RUS", "2022-02-08", "RUS", 90000, "near Ukraine's borders"),
            Seen("UKR", "RUS", "2022-02-15", "RUS", 120000, "NEAR Ukraine's borders"));
        var trend = Assert.Single(alerts, a => a.Kind == AlertKind.RisingTrend);
        Assert.Equal(3, trend.Series.Length);
        Assert.Equal(FindingStatus.Undetermined, trend.Status);
    }
}

public sealed class ForceMatchingTests
{
    private static Scenario Shipped => ScenarioLoader.Load(Path.Combine(AlertEngineTests.DataDirectory(), "scenarios", "europe-2022"));

    [Fact]
    public void UsTroopsInPoland_DeclaredDeploymentsSubtracted_RestUnmatched()
    {
        var scenario = Shipped;
        var at = new DateOnly(2022, 2, 18);
        var table = ObservationTable.From(scenario.Observations, null, at);
        var observed = BuildUp.Window(table, at.AddDays(-13), at).Single(f => f.Party == "USA" && f.Place == "POL");
        var match = ForceMatching.Match(observed, scenario.At(at));
        Assert.Equal(["usa-pol-2021", "usa-pol-2022-02-82nd-a"], match.Deployments.Select(d => d.Id.Value));
        // The DMDC count is two snapshots (167 on 30 Sep 2021, 176 on 31 Dec 2021), counted at their middle.
        Assert.Equal(171.5 + 1700, match.DeclaredDeployed);
        Assert.Equal(4700 - 1871.5, match.Unmatched);
        Assert.Empty(match.Activities);
    }

    [Fact]
    public void RussianTroopsInBelarus_MatchAlliedResolveWithDeclaredFigures()
    {
        var scenario = Shipped;
        var at = new DateOnly(2022, 2, 15);
        var table = ObservationTable.From(scenario.Observations, null, at);
        var observed = BuildUp.Window(table, at.AddDays(-13), at).Single(f => f.Party == "RUS" && f.Place == "BLR" && f.What == "troops");
        var match = ForceMatching.Match(observed, scenario.At(at));
        Assert.Equal("allied-resolve-2022", Assert.Single(match.Activities).Id.Value);
        Assert.Empty(match.Notices);
        Assert.Equal(["BLR", "RUS"], match.ActivityFigures.Select(f => f.By).Order());
        Assert.All(match.ActivityFigures, f => Assert.Equal(9000, f.Troops));
    }

    [Fact]
    public void FigureForAWiderArea_DoesNotMatchTheExercise()
    {
        var scenario = Shipped;
        var at = new DateOnly(2022, 2, 18);
        var table = ObservationTable.From(scenario.Observations, null, at);
        var observed = BuildUp.Window(table, at.AddDays(-13), at).Single(f => f.Place == "BLR+RUS+UKR");
        Assert.Empty(ForceMatching.Match(observed, scenario.At(at)).Activities);
    }
}
