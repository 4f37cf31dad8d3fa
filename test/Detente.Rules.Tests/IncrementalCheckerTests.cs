using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;
using Detente.Data;

namespace Detente.Rules.Tests;

/// <summary>Re-evaluation after one new fact gives the same findings as evaluating the grown world from scratch.</summary>
public sealed class IncrementalCheckerTests
{
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

    internal static Scenario With(Scenario s, object extra) => new(
        s.Info, s.Sources.Values, s.Parties.Values, s.Systems.Values, s.Sites.Values,
        extra is Membership m ? s.Memberships.Add(m) : s.Memberships, s.Control,
        extra is Deployment d ? s.Deployments.Add(d) : s.Deployments, extra is Activity a ? s.Activities.Add(a) : s.Activities,
        extra is Notification n ? s.Notifications.Add(n) : s.Notifications, extra is Observation o ? s.Observations.Add(o) : s.Observations, s.Consents);

    private static readonly DateOnly March1 = new(2022, 3, 1);

    /// <summary>New memberships, notifications and observations, each a case the incremental path must get right.</summary>
    public static TheoryData<string> OtherFacts =>
    [
        "ukraine-joins-nato", "finland-joins-nato", "belarus-leaves-nothing-new-member-of-csto",
        "notification-allied-resolve-share", "notification-zapad-late", "notification-without-activity", "notification-future",
        "observation-inspected-rus", "observation-troops-blr",
    ];

    private static object Fact(string which) => which switch
    {
        "ukraine-joins-nato" => new Membership(new FactId("x-ukr-nato"), new PartyId("NATO"), new PartyId("UKR"), new Period(March1), Some.Evidence()),
        "finland-joins-nato" => new Membership(new FactId("x-fin-nato"), new PartyId("NATO"), new PartyId("FIN"), new Period(March1), Some.Evidence()),
        "belarus-leaves-nothing-new-member-of-csto" =>
            new Membership(new FactId("x-srb-csto"), new PartyId("CSTO"), new PartyId("SRB"), new Period(March1), Some.Evidence()),
        "notification-allied-resolve-share" => new Notification(new FactId("x-n1"), new PartyId("BLR"), NotificationKind.ViennaPriorNotification,
            new FactId("allied-resolve-2022"), null, new DateOnly(2021, 12, 20), Quantity.Of(30000), Some.Evidence()),
        "notification-zapad-late" => new Notification(new FactId("x-n2"), new PartyId("RUS"), NotificationKind.Voluntary,
            new FactId("zapad-2021"), null, new DateOnly(2021, 9, 12), Quantity.Of(14000), Some.Evidence()),
        "notification-without-activity" => new Notification(new FactId("x-n3"), new PartyId("USA"), NotificationKind.Other,
            null, null, March1, null, Some.Evidence()),
        "notification-future" => new Notification(new FactId("x-n4"), new PartyId("RUS"), NotificationKind.ViennaPriorNotification,
            new FactId("allied-resolve-2022"), null, new DateOnly(2022, 6, 1), Quantity.Of(8000), Some.Evidence()),
        "observation-inspected-rus" => new Observation(new FactId("x-o1"), new PartyId("USA"), new PartyId("RUS"), new Period(March1),
            null, [new PartyId("RUS")], null, "troops", Quantity.Of(1), null, Provenance.Inspected, Some.Evidence()),
        _ => new Observation(new FactId("x-o2"), new PartyId("LTU"), new PartyId("RUS"), new Period(March1), null, [new PartyId("BLR")],
            null, "troops", Quantity.Of(30000), null, Provenance.Observed, Some.Evidence()),
    };

    [Theory]
    [MemberData(nameof(OtherFacts))]
    public void Add_MembershipNotificationOrObservation_MatchesFullEvaluation_AndTouchesFewClauses(string which)
    {
        var data = AgreementsTests.DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var scenario = ScenarioLoader.Load(Path.Combine(data, "scenarios", "europe-2022"));
        var library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        var evaluator = new Evaluator(geography);
        var day = new DateOnly(2022, 3, 15);
        var extra = Fact(which);
        var grown = With(scenario, extra);
        var touched = 0;
        var total = 0;
        foreach (var agreement in library.All)
        {
            var checker = new IncrementalChecker(evaluator, agreement, scenario.At(day));
            checker.Add(extra, grown.At(day));
            touched += checker.ClausesTouched;
            total += agreement.Clauses.Count(c => c.Checkable);
            var incremental = checker.Findings.Select(f => (f.Key, f.Status, f.Explanation)).Order().ToList();
            var full = evaluator.Evaluate(agreement, grown.At(day)).Select(f => (f.Key, f.Status, f.Explanation)).Order().ToList();
            Assert.Equal(full, incremental);
        }

        // Not a timing: the incremental path must leave most clauses alone (a full re-evaluation touches every one).
        Assert.True(touched < total / 2, $"{which} touched {touched} of {total} checkable clauses");
    }

    /// <summary>
    /// Two clauses "including alliances" with different bound parties see the same NATO exercise: it counts against the United
    /// States (a member) in the first and against nobody in the second, although the checker evaluates both with one environment.
    /// </summary>
    [Fact]
    public void Add_ActivityOfAnAlliance_EachClauseCountsItOnlyForItsOwnBoundParties()
    {
        var geography = RuleGeography.Load(Path.Combine(AgreementsTests.DataDirectory(), "geo"));
        var agreement = TestDocuments.Compile("t-alliance", """
            agreement t-alliance
              title "two bound parties"
              kind proposal
              date 2022-01-01
              parties {USA, RUS}
              in-force none "test document"
              source test "test" "https://example.org/"

            article 1 "no exercises"
              clause 1 "for the United States"
                binds {USA} including alliances
                forbid activities a by a.participants where a.active
              clause 2 "for Russia"
                binds {RUS} including alliances
                forbid activities a by a.participants where a.active

            """, geography.RegionNames);
        var scenario = new Scenario(new ScenarioInfo("test", "test", null),
            [new Source(new SourceId("test-source"), "Test", "Detente", "2026", null, SourceKind.Synthetic)],
            new[] { "USA", "RUS" }.Select(c => new Party(new PartyId(c), c, PartyKind.State)).Append(new Party(new PartyId("NATO"), "NATO", PartyKind.Alliance)),
            [], [], [Some.Member("USA", new DateOnly(1949, 4, 4))], [], [], [], [], [], []);
        var exercise = Some.Activity("nato-exercise", "NATO", new DateOnly(2022, 1, 10), new DateOnly(2022, 1, 20), Quantity.Of(1000));
        var grown = With(scenario, exercise);
        var evaluator = new Evaluator(geography);
        var checker = new IncrementalChecker(evaluator, agreement, scenario.At(Some.Day));
        checker.Add(exercise, grown.At(Some.Day));

        var full = evaluator.Evaluate(agreement, grown.At(Some.Day)).Select(f => (f.Key, f.Status)).Order().ToList();
        Assert.Equal(full, checker.Findings.Select(f => (f.Key, f.Status)).Order().ToList());
        Assert.Contains(checker.Findings, f => f.Clause.ToString() == "t-alliance/1.1" && f.PartyCode == "NATO" && f.Status == FindingStatus.Violated);
        Assert.DoesNotContain(checker.Findings, f => f.Clause.ToString() == "t-alliance/1.2" && f.PartyCode == "NATO");
    }

    [Fact]
    public void Add_UkraineJoinsNato_EvaluatesRuNato6Again_AndItIsViolated()
    {
        var data = AgreementsTests.DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var scenario = ScenarioLoader.Load(Path.Combine(data, "scenarios", "europe-2022"));
        var library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        var day = new DateOnly(2022, 3, 15);
        var extra = Fact("ukraine-joins-nato");
        var checker = new IncrementalChecker(new Evaluator(geography), library.Find("ru-nato-2021-draft")!, scenario.At(day));
        var changed = checker.Add(extra, With(scenario, extra).At(day));
        Assert.Contains(changed, f => f.Clause.ToString() == "ru-nato-2021-draft/6" && f.Subject.Id == "x-ukr-nato" && f.Status == FindingStatus.Violated);
        Assert.InRange(checker.ClausesTouched, 1, library.Find("ru-nato-2021-draft")!.Clauses.Count() - 1);
    }
}
