using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;

namespace Detente.Rules.Tests;

/// <summary>
/// A new membership re-evaluates, in the clauses that allow it, only the facts that name the new member or lie near it —
/// and the findings are still exactly those of a full evaluation of the grown world. Conditioned clauses keep their findings
/// as if the condition held and only have the condition applied again.
/// </summary>
public sealed class MembershipPatchTests
{
    private static readonly Evaluator Evaluator = new(RuleGeography.Load(Path.Combine(AgreementsTests.DataDirectory(), "geo")));

    private static readonly DateOnly Joined = new(2022, 1, 1);

    private const string Header = """
        agreement t-member
          title "clauses a new NATO member changes"
          kind proposal
          date 2022-01-01
          parties {USA, POL, RUS, DEU, UKR}
          in-force none "test document"
          source test "test" "https://example.org/"

        """;

    /// <summary>Findings as key, status and text, in key order: what two evaluations must agree on.</summary>
    private static List<(string Key, FindingStatus Status, string Explanation)> Comparable(IEnumerable<Finding> findings) =>
        findings.Select(f => (f.Key, f.Status, f.Explanation)).Order().ToList();

    private static Compilation.Agreement Compile(string text) =>
        TestDocuments.Compile("t-member", Header + text, Evaluator.Geography.RegionNames);

    private static Site At(string id, string host, double lat, double lon) =>
        new(new SiteId(id), id, new PartyId(host), SiteKind.ArmyBase, new GeoPoint(lat, lon), 1, Some.Evidence());

    private static Activity Exercise(string id, string site) =>
        new(new FactId(id), id, ActivityKind.Exercise, [new PartyId("RUS")], [new PartyId("RUS")], new Period(new DateOnly(2022, 1, 10), new DateOnly(2022, 1, 20)),
            null, [new SiteId(site)], Quantity.Of(20000), [], Some.Evidence());

    /// <summary>
    /// Deployments in an order where Ukraine's facts fall between and after the others (so rebuilt groups must keep domain order), and
    /// two Russian exercises: one near Belgorod, 40 km from Ukraine, one at Moscow, far from it.
    /// </summary>
    private static Scenario World() => new(
        new ScenarioInfo("test", "test", null),
        new[] { new Source(new SourceId("test-source"), "Test", "Detente", "2026", null, SourceKind.Synthetic) },
        new[] { "USA", "POL", "RUS", "DEU", "LTU", "UKR" }.Select(c => new Party(new PartyId(c), c, PartyKind.State))
            .Append(new Party(new PartyId("NATO"), "NATO", PartyKind.Alliance)),
        Array.Empty<WeaponSystem>(),
        [At("belgorod", "RUS", 50.6, 36.6), At("moscow", "RUS", 55.75, 37.62)],
        [Some.Member("USA", new DateOnly(1949, 4, 4)), Some.Member("DEU", new DateOnly(1955, 5, 6)), Some.Member("POL", new DateOnly(1999, 3, 12))],
        [],
        [
            Some.Deployment("usa-pol", "USA", "POL", Quantity.Of(600)),
            Some.Deployment("rus-ukr", "RUS", "UKR", Quantity.Of(2000)),
            Some.Deployment("usa-ukr", "USA", "UKR", Quantity.Of(300)),
            Some.Deployment("ukr-pol", "UKR", "POL", Quantity.Of(50)),
            Some.Deployment("usa-deu", "USA", "DEU", Quantity.Of(200)),
            Some.Deployment("rus-deu", "RUS", "DEU", Quantity.Of(100)),
            Some.Deployment("usa-ukr-2", "USA", "UKR", Quantity.Of(150)),
        ],
        [Exercise("near-ukraine", "belgorod"), Exercise("far-from-ukraine", "moscow")],
        [],
        [],
        []);

    private const string Clauses = """
        article 1 "sets that change with NATO's members"
          clause 1 "at most 1,000 troops per owner in NATO states other than its own"
            limit deployments d by d.owner
              where d.host in members(NATO) and d.host != d.owner
              group by d.owner
              sum d.quantity <= 1000
          clause 2 "NATO members keep no forces in Poland but their own"
            binds members(NATO)
            forbid deployments d by d.owner
              where d.host = POL and d.owner != POL
          clause 3 "no large Russian exercises within 100 km of a NATO member"
            binds {RUS}
            forbid activities a by a.participants
              where a in border-zone({RUS}, members(NATO), 100 km)
          clause 4 "no forces in states that are not NATO members (a fixed state tested: evaluated in full)"
            forbid deployments d by d.owner
              where UKR in members(NATO) and d.host = UKR
          clause 5 "no forces in Ukraine while clause 1.2 holds"
            forbid deployments d by d.owner
              where d.host = UKR
            only while 1.2 holds
          clause 6 "no forces in states that are not NATO members (findings that disappear)"
            forbid deployments d by d.owner
              where d.host not in members(NATO)
          clause 7 "no forces of 1,000 troops or more in NATO members (a test of the fact alone rules most out)"
            forbid deployments d by d.owner
              where d.host in members(NATO) and d.quantity >= 1000

        """;

    private static readonly Membership UkraineJoins =
        new(new FactId("ukr-nato"), new PartyId("NATO"), new PartyId("UKR"), new Period(Joined), Some.Evidence());

    /// <summary>
    /// With the default chunk, the five facts are patched on one thread; with a chunk of one fact, each is evaluated by its own
    /// task and the clauses are updated in parallel, and the two US deployments in Ukraine reach the limit's group from two chunks.
    /// </summary>
    [Theory]
    [InlineData(1024)]
    [InlineData(1)]
    public void UkraineJoins_PatchedClauses_MatchFullEvaluation(int chunk)
    {
        var agreement = Compile(Clauses);
        var scenario = World();
        var grown = IncrementalCheckerTests.With(scenario, UkraineJoins);
        var checker = new IncrementalChecker(Evaluator, agreement, scenario.At(Some.Day)) { ChunkSize = chunk };
        var changed = checker.Add(UkraineJoins, grown.At(Some.Day));

        var full = Comparable(Evaluator.Evaluate(agreement, grown.At(Some.Day)));
        Assert.Equal(full, Comparable(checker.Findings));

        // The limit's USA group gains usa-ukr between usa-pol and usa-deu, and usa-ukr-2 after them, in the order a full
        // evaluation gives: 1,250 troops where there were 800.
        Assert.Contains(changed, f => f.Subject.Id == "usa-pol+usa-ukr+usa-deu+usa-ukr-2" && f.Status == FindingStatus.Violated);

        // Ukraine is now bound by 1.2, and its deployment in Poland breaks it; 1.5 becomes not applicable on that.
        Assert.Contains(changed, f => f.Clause.ToString() == "t-member/1.2" && f.PartyCode == "UKR" && f.Subject.Id == "ukr-pol" && f.Status == FindingStatus.Violated);
        Assert.Contains(changed, f => f.Clause.ToString() == "t-member/1.5" && f.Status == FindingStatus.NotApplicable);

        // The deployments in Ukraine no longer break 1.6: what it found about them is dropped.
        Assert.Contains(Evaluator.Evaluate(agreement, scenario.At(Some.Day)), f => f.Clause.ToString() == "t-member/1.6" && f.Subject.Id == "usa-ukr");
        Assert.DoesNotContain(checker.Findings, f => f.Clause.ToString() == "t-member/1.6" && f.Subject.Kind == "deployment");

        // Only the exercise near Ukraine is in the new border zone.
        Assert.Contains(changed, f => f.Clause.ToString() == "t-member/1.3" && f.Subject.Id == "near-ukraine" && f.Status == FindingStatus.Violated);
        Assert.DoesNotContain(checker.Findings, f => f.Subject.Id == "far-from-ukraine");
    }

    [Fact]
    public void UkraineJoins_EvaluatesOnlyTheFactsNamingOrNearUkraine()
    {
        var agreement = Compile(Clauses);
        var scenario = World();
        var grown = IncrementalCheckerTests.With(scenario, UkraineJoins);
        var checker = new IncrementalChecker(Evaluator, agreement, scenario.At(Some.Day));
        checker.Add(UkraineJoins, grown.At(Some.Day));

        // Selected: 1.1 tests the host against members(NATO): the three deployments in Ukraine (rus-ukr, usa-ukr, usa-ukr-2).
        // 1.2 now binds Ukraine and is 'by d.owner': the deployment Ukraine owns (ukr-pol). 1.3: the Belgorod exercise only.
        // 1.4 tests a fixed state, so it is evaluated in full (not counted here); 1.5 only has its condition applied again.
        // 1.6 and 1.7: the three deployments in Ukraine again.
        Assert.Equal(3 + 1 + 1 + 3 + 3, checker.FactsSelected);

        // Evaluated: not 1.6's three, as 'd.host not in members(NATO)' is now false for every fact hosted in Ukraine (what 1.6
        // found about them is only dropped); and of 1.7's, only rus-ukr, as 'd.quantity >= 1000' ruled out the other two when
        // the checker was built.
        Assert.Equal(3 + 1 + 1 + 0 + 1, checker.FactsTouched);
        Assert.Equal(6, checker.ClausesTouched);
    }

    /// <summary>
    /// A fact added after the checker was built has the clauses' fact tests run on it too: a small US deployment in Ukraine is
    /// not read again by 1.7 when Ukraine joins, and the findings still match a full evaluation.
    /// </summary>
    [Fact]
    public void FactAddedLater_IsTestedToo()
    {
        var agreement = Compile(Clauses);
        var scenario = World();
        var small = Some.Deployment("usa-ukr-small", "USA", "UKR", Quantity.Of(10));
        var withSmall = IncrementalCheckerTests.With(scenario, small);
        var grown = IncrementalCheckerTests.With(withSmall, UkraineJoins);
        var checker = new IncrementalChecker(Evaluator, agreement, scenario.At(Some.Day));
        checker.Add(small, withSmall.At(Some.Day));
        checker.Add(UkraineJoins, grown.At(Some.Day));

        var full = Comparable(Evaluator.Evaluate(agreement, grown.At(Some.Day)));
        Assert.Equal(full, Comparable(checker.Findings));

        // As above, plus the new deployment selected by 1.1, 1.6 and 1.7 and evaluated by 1.1 alone.
        Assert.Equal(3 + 1 + 1 + 3 + 3 + 3, checker.FactsSelected);
        Assert.Equal(3 + 1 + 1 + 0 + 1 + 1, checker.FactsTouched);
    }

    /// <summary>The checker evaluates at one date: a world at another date is refused, and nothing recorded changes.</summary>
    [Fact]
    public void Add_WorldAtAnotherDate_IsRefused()
    {
        var agreement = Compile(Clauses);
        var scenario = World();
        var checker = new IncrementalChecker(Evaluator, agreement, scenario.At(Some.Day));
        var before = Comparable(checker.Findings);
        var grown = IncrementalCheckerTests.With(scenario, UkraineJoins);

        var error = Assert.Throws<ArgumentException>(() => checker.Add(UkraineJoins, grown.At(Some.Day.AddDays(1))));
        Assert.Contains("2022-01-12", error.Message, StringComparison.Ordinal);
        Assert.Contains("2022-01-13", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Comparable(checker.Findings));

        // The same membership on the checker's date is still taken in.
        checker.Add(UkraineJoins, grown.At(Some.Day));
        var full = Comparable(Evaluator.Evaluate(agreement, grown.At(Some.Day)));
        Assert.Equal(full, Comparable(checker.Findings));
    }

    [Fact]
    public void UkraineJoins_ThenAFactBreaksNothingMore_ConditionAppliedWithoutEvaluatingAgain()
    {
        var agreement = Compile(Clauses);
        var scenario = IncrementalCheckerTests.With(World(), UkraineJoins);
        var extra = Some.Deployment("deu-pol", "DEU", "POL", Quantity.Of(10));
        var grown = IncrementalCheckerTests.With(scenario, extra);
        var checker = new IncrementalChecker(Evaluator, agreement, scenario.At(Some.Day));
        var changed = checker.Add(extra, grown.At(Some.Day));

        var full = Comparable(Evaluator.Evaluate(agreement, grown.At(Some.Day)));
        Assert.Equal(full, Comparable(checker.Findings));

        // 1.2 has a new violation, so the reason 1.5 does not apply names it: every 1.5 finding is reported again, re-worded.
        Assert.Contains(changed, f => f.Clause.ToString() == "t-member/1.5" && f.Explanation.Contains("DEU deployment deu-pol", StringComparison.Ordinal));
    }

    /// <summary>
    /// Which conjuncts of a condition read the fact alone (fact tests) and which test one of its parties against a set of states
    /// (party tests). Conjuncts that read a parameter, a set of states, the bound parties or other facts are not fact tests; a
    /// disjunction is one conjunct; a party reached through the site is not one of the fact's parties.
    /// </summary>
    [Theory]
    [InlineData("d.host in members(NATO) and d.site.kind = nuclear-storage", 1, 1)]
    [InlineData("d.host != d.owner and d.quantity >= 1000 and d.active and d.unit in {troops, launchers}", 4, 0)]
    [InlineData("d.host in {UKR, POL} and d in territory({POL})", 2, 1)]
    [InlineData("d.host in members(NATO) or d.mission = combat", 0, 0)]
    [InlineData("d.host not in {UKR} | members(NATO) and d.quantity >= threshold", 0, 1)]
    [InlineData("d.owner in bound and d in territory(members(NATO))", 0, 1)]
    [InlineData("d.site.host in members(NATO) and d.from >= 2022-01-01", 1, 0)]
    [InlineData("d.host in members(NATO, d.from)", 0, 0)]
    public void Conditions_SplitIntoFactTestsAndPartyTests(string where, int factTests, int partyTests)
    {
        var agreement = Compile($$"""
            param threshold: number = 1000
              "a number a user may change"

            article 1 "one clause"
              clause 1 "test"
                forbid deployments d by d.owner where {{where}}

            """);
        var clause = agreement.Clauses.Single();
        Assert.Equal(factTests, clause.FactTests.Length);
        Assert.Equal(partyTests, clause.PartyTests.Length);
    }

    /// <summary>How a clause's expressions decide whether a membership can be patched in; bad (unsafe) uses included.</summary>
    [Theory]
    [InlineData("forbid deployments d by d.owner where d.host in members(NATO)", false, "host", 0)]
    [InlineData("forbid deployments d by d.owner where d.host not in members(NATO) - {POL}", false, "host", 0)]
    [InlineData("forbid deployments d by d.owner where d in territory(members(NATO))", false, "host", 0)]
    [InlineData("forbid activities a by a.participants where overlaps(a.hosts, members(NATO))", false, "hosts", 0)]
    [InlineData("forbid activities a by a.participants where a in border-zone({RUS}, members(NATO), 100 km)", false, "", 1)]
    [InlineData("forbid deployments d by d.owner where UKR in members(NATO)", true, "", 0)]
    [InlineData("forbid deployments d by d.owner where d reaches territory(members(NATO))", true, "", 0)]
    [InlineData("forbid deployments d by d.owner where distance(d, territory(members(NATO))) <= 100 km", true, "", 0)]
    [InlineData("forbid memberships m by members(NATO) where m.alliance = NATO", true, "", 0)]
    [InlineData("forbid deployments d by d.owner where d.site.host in members(NATO)", true, "", 0)]
    public void Impact_OfEachUse(string rule, bool full, string fields, int widths)
    {
        var agreement = Compile($"""
            article 1 "one clause"
              clause 1 "test"
                {rule}

            """);
        var impact = MembershipImpact.Of(agreement.Clauses.Single().Syntax, e => e is CallExpr { Function: "members" }, boundChanged: false);
        Assert.Equal(full, impact.Full);
        Assert.Equal(fields, string.Join(",", impact.Fields.Order(StringComparer.Ordinal)));
        Assert.Equal(widths, impact.Widths.Length);
    }

    [Fact]
    public void Impact_BoundChanged_NeedsTheResponsiblePartysField()
    {
        var agreement = Compile("""
            article 1 "two clauses"
              clause 1 "by the owner"
                forbid deployments d by d.owner where d.host = POL
              clause 2 "by a fixed state"
                forbid deployments d by {USA} where d.host = POL

            """);
        var clauses = agreement.Clauses.ToList();
        Assert.Equal("owner", string.Join(",", MembershipImpact.Of(clauses[0].Syntax, _ => false, boundChanged: true).Fields));
        Assert.True(MembershipImpact.Of(clauses[1].Syntax, _ => false, boundChanged: true).Full);
    }
}
