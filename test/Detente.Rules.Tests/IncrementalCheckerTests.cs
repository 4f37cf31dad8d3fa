using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Runtime;
using Detente.Scenarios;

namespace Detente.Rules.Tests;

/// <summary>Re-evaluation after one new fact gives the same findings as evaluating the grown world from scratch.</summary>
public sealed class IncrementalCheckerTests
{
    internal static Scenario With(Scenario s, Deployment extra) => new(
        s.Info, s.Sources.Values, s.Parties.Values, s.Systems.Values, s.Sites.Values,
        s.Memberships, s.Control, s.Deployments.Add(extra), s.Activities, s.Notifications, s.Observations);

    public static TheoryData<string> Extras => ["missiles", "troops"];

    [Theory]
    [MemberData(nameof(Extras))]
    public void Add_OneDeployment_MatchesFullEvaluation(string which)
    {
        var data = AgreementsTests.DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var scenario = ScenarioLoader.Load(Path.Combine(data, "scenarios", "europe-2022"));
        var library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        var evaluator = new Evaluator(geography);
        var day = new DateOnly(2022, 3, 15);
        var extra = which == "missiles"
            ? new Deployment(new FactId("extra"), new PartyId("USA"), new PartyId("POL"), new SiteId("aegis-ashore-redzikowo"), null, null,
                new SystemId("ground-launched-tomahawk-2019"), Quantity.Of(50), ForceUnit.Missiles, Permanence.Permanent, Mission.Combat,
                new Period(new DateOnly(2022, 3, 1)), Provenance.Declared, Some.Evidence(Confidence.Uncertain))
            : new Deployment(new FactId("extra"), new PartyId("USA"), new PartyId("DEU"), null, null, null, null, Quantity.Of(30000),
                ForceUnit.Troops, Permanence.Permanent, Mission.Combat, new Period(new DateOnly(2022, 3, 1)), Provenance.Declared, Some.Evidence());
        var grown = With(scenario, extra);
        foreach (var agreement in library.All)
        {
            var checker = new IncrementalChecker(evaluator, agreement, scenario.At(day));
            checker.Add(extra, grown.At(day));
            var incremental = checker.Findings.Select(f => (f.Key, f.Status)).Order().ToList();
            var full = evaluator.Evaluate(agreement, grown.At(day)).Select(f => (f.Key, f.Status)).Order().ToList();
            Assert.Equal(full, incremental);
        }
    }
}
