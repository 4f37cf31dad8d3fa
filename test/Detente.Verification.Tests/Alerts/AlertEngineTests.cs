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
    public void BuildUpNearUkraine_UnnotifiedAndRising()
    {
        var alerts = AlertsAt(new DateOnly(2022, 2, 15));
        var unnotified = Assert.Single(alerts, a => a.Kind == AlertKind.UnnotifiedBuildUp && a.Where == "RUS" && a.Threshold.Value == 9000);
        Assert.Equal(130000, unnotified.Match.Observed.Min);
        Assert.Equal(150000, unnotified.Match.Observed.Max);
        Assert.Equal("vienna-document-2011/38", unnotified.Threshold.Clause.ToString());
        var trend = Assert.Single(alerts, a => a.Kind == AlertKind.RisingTrend && a.Where == "RUS");
        Assert.True(trend.Series.Length >= 3);
        Assert.Contains("wapo-2022-02-16", trend.Sources);
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
        var thresholds = AlertThresholds.Of("test", 42, new Threshold(9000, "n", "", ClauseId.Parse("t/38")), new Threshold(13000, "o", "", ClauseId.Parse("t/47")));
        var alerts = new AlertEngine(thresholds).Evaluate(world, table);
        var trend = Assert.Single(alerts, a => a.Kind == AlertKind.RisingTrend);
        Assert.Equal("crossed", trend.Trend);
        Assert.Equal(13000, trend.Threshold.Value);
        Assert.Equal(FindingStatus.Violated, trend.Status);
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
