using Detente.Data;
using Detente.Rules;
using Detente.Rules.Runtime;
using Detente.Verification.Alerts;
using Detente.Verification.Obligations;
using Detente.Verification.Tests.Alerts;
using Xunit;

namespace Detente.Verification.Tests.Obligations;

/// <summary>The rules' dated duties that obligations list, and the alerts' entry point, over the shipped scenario and agreements.</summary>
public sealed class DutyClausesTests
{
    private static readonly DateOnly Day = new(2022, 2, 15);

    private static (Core.Scenario Scenario, RuleEngine Engine) Shipped()
    {
        var data = AlertEngineTests.DataDirectory();
        return (ScenarioLoader.Load(Path.Combine(data, "scenarios", "europe-2022")), new RuleEngine(RuleGeography.Load(Path.Combine(data, "geo"))));
    }

    [Fact]
    public void Findings_AreOnlyTheDutyClausesOnes_EachWithItsKind()
    {
        var (scenario, engine) = Shipped();
        Assert.True(engine.TryLoad(Path.Combine(AlertEngineTests.DataDirectory(), "agreements"), out var library, out _));
        var duties = DutyClauses.Findings(engine, library, scenario.At(Day));
        Assert.NotEmpty(duties);
        Assert.All(duties, d =>
        {
            var id = d.Finding.Clause.ToString();
            var (clause, kind) = Assert.Single(DutyClauses.All, c => id == c.Clause || id.StartsWith(c.Clause + ".", StringComparison.Ordinal));
            Assert.Equal(kind, d.Kind);
        });
        Assert.Contains(duties, d => d.Kind == "prior-notification");
    }

    [Fact]
    public void Findings_LibraryWithoutTheViennaDocument_AreNone()
    {
        var (scenario, engine) = Shipped();
        var dir = Directory.CreateTempSubdirectory("duty-clauses-");
        try
        {
            File.Copy(Path.Combine(AlertEngineTests.DataDirectory(), "agreements", "inf-1987.accord"), Path.Combine(dir.FullName, "inf-1987.accord"));
            Assert.True(engine.TryLoad(dir.FullName, out var library, out var errors), string.Join("\n", errors));
            Assert.Empty(DutyClauses.Findings(engine, library, scenario.At(Day)));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void BuildUpAlerts_Findings_AreTheAlertsOwn()
    {
        var (scenario, engine) = Shipped();
        Assert.True(engine.TryLoad(Path.Combine(AlertEngineTests.DataDirectory(), "agreements"), out var library, out _));
        var vienna = library.Find(BuildUpAlerts.Agreement)!;
        var alerts = BuildUpAlerts.At(engine, vienna, scenario, null, Day);
        Assert.NotEmpty(alerts);
        Assert.Equal(alerts.Select(a => a.ToFinding().Key), BuildUpAlerts.Findings(engine, vienna, scenario, null, Day).Select(f => f.Key));
        Assert.All(alerts, a => Assert.Equal(BuildUpAlerts.Agreement, a.Threshold.Clause.Agreement.Value));
    }
}
