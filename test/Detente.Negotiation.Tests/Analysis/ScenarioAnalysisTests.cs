using Detente.Core;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;

namespace Detente.Negotiation.Tests.Analysis;

/// <summary>The analysis of the shipped January 2022 positions reproduces what the documents show.</summary>
public sealed class ScenarioAnalysisTests
{
    private static readonly DateOnly Day = new(2022, 1, 26);
    private static readonly SolverLimit Budget = new(20);

    private static NegotiationAnalyzer Analyzer(bool linkage, params string[] parties) =>
        new(NegotiationProblem.Create(Some.ShippedData, [.. parties.Select(p => new PartyId(p))], Day, linkage));

    [Fact]
    public void RussiaAndNato_NonEnlargementAndOpenDoor_FormAMinimalConflict()
    {
        var result = Analyzer(false, "RUS", "USA", "NATO").Enumerate(100, Budget);
        Assert.Equal(Completion.Complete, result.Completion);
        var conflict = Assert.Single(result.Conflicts, c =>
            c.Clauses.Any(k => k.Id == "rus-2021-12-17-no-enlargement") && c.Clauses.Any(k => k.Id == "nato-2022-01-26-open-door"));
        Assert.Equal(2, conflict.Clauses.Length);
        Assert.Contains(new IssueId("enlargement-ban"), conflict.SharedIssues);
        Assert.Contains("cannot all hold together", conflict.Explanation);
    }

    [Fact]
    public void UnitedStatesAndNato_PositionsAreFeasible_WithTheReciprocalPackage()
    {
        var feasibility = Analyzer(false, "USA", "NATO").Feasibility(Budget);
        Assert.True(feasibility.Feasible);
        var w = feasibility.Witness!;
        Assert.Equal(0, w[new IssueId("enlargement-ban")]);
        Assert.Equal(1, w[new IssueId("aegis-ashore-transparency")]);
        Assert.Equal(1, w[new IssueId("rus-bases-transparency")]);
        Assert.Equal(0, w[new IssueId("ukr-offensive-missiles")]);
        Assert.Equal(0, w[new IssueId("ukr-permanent-combat-forces")]);
        Assert.Equal(1, w[new IssueId("inf-arms-control-talks")]);
    }

    [Fact]
    public void EveryConflictFound_IsMinimal()
    {
        var analyzer = Analyzer(false, "RUS", "USA", "NATO", "UKR", "FRA");
        var result = analyzer.Enumerate(30, Budget);
        Assert.NotEmpty(result.Conflicts);
        foreach (var conflict in result.Conflicts)
        {
            var indices = conflict.Clauses.Select(c => analyzer.Problem.Clauses.IndexOf(c)).ToList();
            Assert.False(analyzer.CanHold(indices, Budget));
            foreach (var i in indices)
            {
                Assert.True(analyzer.CanHold(indices.Where(j => j != i), Budget));
            }
        }
    }

    [Fact]
    public void EveryPackageFound_IsMaximal()
    {
        var analyzer = Analyzer(false, "RUS", "USA", "NATO");
        var result = analyzer.Enumerate(100, Budget);
        Assert.NotEmpty(result.Packages);
        foreach (var package in result.Packages)
        {
            var kept = package.Kept.Select(c => analyzer.Problem.Clauses.IndexOf(c)).ToList();
            Assert.True(analyzer.CanHold(kept, Budget));
            foreach (var d in package.Dropped)
            {
                Assert.False(analyzer.CanHold([.. kept, analyzer.Problem.Clauses.IndexOf(d)], Budget));
            }
        }
    }

    [Fact]
    public void BestPackage_KeepsMoreRedLinesThanAnyOther_AndSaysWhatEachPartyDrops()
    {
        var best = Analyzer(false, "RUS", "USA", "NATO").Best(Budget);
        Assert.True(best.Proven);
        var package = best.Package!;
        var crossed = package.Dropped.Count(c => c.Kind == PositionKind.RedLine);
        Assert.True(crossed >= 1); // non-enlargement and the open door cannot both hold.
        Assert.Contains(package.ByParty(), p => p.Party.Code == "RUS");
    }

    [Fact]
    public void Linkage_On_MakesTheRussianPackageOneClause()
    {
        var problem = NegotiationProblem.Create(Some.ShippedData, [new PartyId("RUS")], new DateOnly(2022, 2, 17), linkage: true);
        var package = Assert.Single(problem.Clauses, c => c.Id == "rus-2022-02-17-package");
        Assert.Equal(PositionKind.RedLine, package.Kind);
        Assert.Equal(4, package.Positions.Length);
        var off = NegotiationProblem.Create(Some.ShippedData, [new PartyId("RUS")], new DateOnly(2022, 2, 17), linkage: false);
        Assert.Equal(problem.Clauses.Length + 3, off.Clauses.Length);
    }

    [Fact]
    public void ZeroBudget_IsReportedAsTheSolverLimit_NotAsInfeasible()
    {
        var result = Analyzer(false, "RUS", "USA", "NATO").Enumerate(100, new SolverLimit(0));
        Assert.Equal(Completion.SolverLimitReached, result.Completion);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void RussianRedLineOnUkraine_GrowsStrongerWithEachVersion()
    {
        var history = Some.ShippedData.History("rus-ukraine-military-presence");
        var first = NegotiationAnalyzer.Compare(Some.ShippedData, history[0], history[1], Budget);
        Assert.Equal(Strength.Stronger, first.Strength);
        Assert.NotNull(first.OnlyFirst);
        Assert.Null(first.OnlySecond);
        Assert.Equal(1, first.OnlyFirst![new IssueId("nato-activity-east")]);
        var second = NegotiationAnalyzer.Compare(Some.ShippedData, history[1], history[2], Budget);
        Assert.Equal(Strength.Stronger, second.Strength);
    }

    [Fact]
    public void UkrainianLine_FromOpenDoorToNeutralityWithGuarantees_IsIncomparable()
    {
        var history = Some.ShippedData.History("ukr-alignment");
        var c = NegotiationAnalyzer.Compare(Some.ShippedData, history[0], history[1], Budget);
        Assert.Equal(Strength.Incomparable, c.Strength);
        Assert.NotNull(c.OnlyFirst);
        Assert.NotNull(c.OnlySecond);
    }

    [Fact]
    public void SamePosition_IsEquivalentToItself()
    {
        var p = Some.ShippedData.PositionsById[new PositionId("nato-2022-01-26-open-door")];
        Assert.Equal(Strength.Equivalent, NegotiationAnalyzer.Compare(Some.ShippedData, p, p, Budget).Strength);
    }

    [Fact]
    public void UsNonPaper_MeetsUsAndNatoRedLines_AndLeavesRussianNonEnlargementUnmet()
    {
        var proposal = Assert.Single(Some.ShippedData.Proposals);
        var problem = NegotiationProblem.Create(
            Some.ShippedData, [new PartyId("RUS"), new PartyId("USA"), new PartyId("NATO")], Day, false);
        var scores = NegotiationAnalyzer.Score(problem, proposal.Values, Budget);
        var usa = scores.Single(s => s.Party.Code == "USA");
        Assert.Empty(usa.RedLinesUnmet);
        var rus = scores.Single(s => s.Party.Code == "RUS");
        Assert.Contains(rus.RedLinesUnmet, p => p.Id.Value == "rus-2021-12-17-no-enlargement");
        Assert.Contains(rus.Standings, s => s.Standing == Standing.Open);
    }

    [Fact]
    public void StatusQuo_OnTheDay_MeetsNoRussianRedLine_AndNeedsChangesForEach()
    {
        var problem = NegotiationProblem.Create(Some.ShippedData, [new PartyId("RUS"), new PartyId("NATO")], Day, false);
        // The status quo measured in the europe-2022 world on the day; disputed issues stay open.
        var values = Some.StatusQuo(Day);
        Assert.DoesNotContain(new IssueId("inf-missiles-europe-rus"), values.Keys);
        var scores = NegotiationAnalyzer.Score(problem, values, Budget);
        var rus = scores.Single(s => s.Party.Code == "RUS");
        Assert.NotEmpty(rus.RedLinesUnmet);
        Assert.NotNull(rus.ChangesForRedLines);
        Assert.Contains(new IssueId("enlargement-ban"), rus.ChangesForRedLines!.Keys);
        var nato = scores.Single(s => s.Party.Code == "NATO");
        Assert.Empty(nato.RedLinesUnmet);
        Assert.Empty(nato.ChangesForRedLines!);
    }
}
