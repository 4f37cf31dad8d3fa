using System.Collections.Immutable;
using Detente.Core;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;

namespace Detente.Negotiation.Tests.Analysis;

/// <summary>
/// The solver runs on deterministic work limits (one worker, fixed seed), so an answer never depends on the machine's speed,
/// and a limit reached is reported as such: an enumeration cut short, a best package not proven, a comparison unknown, a
/// standing undecided — never a finding.
/// </summary>
public sealed class SolverLimitTests
{
    private static readonly DateOnly Day = new(2022, 1, 26);
    private static readonly SolverLimit Ample = new(20);

    private static NegotiationProblem Problem(params string[] parties) =>
        NegotiationProblem.Create(Some.ShippedData, [.. parties.Select(p => new PartyId(p))], Day, linkage: false);

    [Fact]
    public void Enumerate_SameInputTwice_GivesTheSameConflictsPackagesAndWork()
    {
        var first = new NegotiationAnalyzer(Problem("RUS", "USA", "NATO"), Some.StatusQuo(Day)).Enumerate(20, Ample);
        var second = new NegotiationAnalyzer(Problem("RUS", "USA", "NATO"), Some.StatusQuo(Day)).Enumerate(20, Ample);

        Assert.Equal(Completion.Complete, first.Completion);
        Assert.NotEmpty(first.Conflicts);
        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(first.SolverCalls, second.SolverCalls);
        Assert.Equal(first.DeterministicTime, second.DeterministicTime);
        Assert.True(first.DeterministicTime > 0, "the solver reports the work it did");
    }

    [Fact]
    public void Enumerate_LimitOfHalfTheWorkNeeded_StopsAtTheSamePlaceEveryTime_AndSaysSo()
    {
        var full = new NegotiationAnalyzer(Problem("RUS", "USA", "NATO")).Enumerate(100, Ample);
        Assert.Equal(Completion.Complete, full.Completion);
        var half = new SolverLimit(full.DeterministicTime / 2);

        var first = new NegotiationAnalyzer(Problem("RUS", "USA", "NATO")).Enumerate(100, half);
        var second = new NegotiationAnalyzer(Problem("RUS", "USA", "NATO")).Enumerate(100, half);

        Assert.Equal(Completion.SolverLimitReached, first.Completion);
        Assert.True(first.Conflicts.Length + first.Packages.Length < full.Conflicts.Length + full.Packages.Length,
            "a search cut short finds less than the whole");
        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(first.SolverCalls, second.SolverCalls);
        // Whatever was found before the limit is a true minimal conflict of the full search.
        Assert.All(first.Conflicts, c => Assert.Contains(Ids(c.Clauses), full.Conflicts.Select(f => Ids(f.Clauses))));
    }

    [Fact]
    public void Best_ZeroLimit_IsNotProven_AndAmpleLimit_IsProvenTheSameTwice()
    {
        var starved = new NegotiationAnalyzer(Problem("RUS", "USA", "NATO")).Best(new SolverLimit(0));
        var first = new NegotiationAnalyzer(Problem("RUS", "USA", "NATO")).Best(Ample);
        var second = new NegotiationAnalyzer(Problem("RUS", "USA", "NATO")).Best(Ample);

        Assert.False(starved.Proven);
        Assert.True(first.Proven);
        Assert.Equal(Ids(first.Package!.Kept), Ids(second.Package!.Kept));
        Assert.Equal(first.Package.Witness, second.Package.Witness);
    }

    [Fact]
    public void Feasibility_ZeroLimit_IsUndecided_NotInfeasible()
    {
        var feasibility = new NegotiationAnalyzer(Problem("RUS", "USA", "NATO")).Feasibility(new SolverLimit(0));

        Assert.Null(feasibility.Feasible);
        Assert.Null(feasibility.Witness);
    }

    [Fact]
    public void Score_ZeroLimit_MarksOpenQuestionsUndecided_AndTheParty()
    {
        var proposal = Assert.Single(Some.ShippedData.Proposals);
        var starved = NegotiationAnalyzer.Score(Problem("RUS", "USA", "NATO"), proposal.Values, new SolverLimit(0));
        var ample = NegotiationAnalyzer.Score(Problem("RUS", "USA", "NATO"), proposal.Values, Ample);

        // Positions decided by the proposal alone need no solver; the rest are undecided, never reported as open.
        Assert.Contains(starved.SelectMany(s => s.Standings), s => s.Standing == Standing.Undecided);
        Assert.DoesNotContain(starved.SelectMany(s => s.Standings), s => s.Standing == Standing.Open);
        Assert.All(starved.Where(s => s.Standings.Any(p => p.Standing == Standing.Undecided)), s => Assert.True(s.SolverLimitReached));
        Assert.DoesNotContain(ample.SelectMany(s => s.Standings), s => s.Standing == Standing.Undecided);
        Assert.All(ample, s => Assert.False(s.SolverLimitReached));
    }

    [Fact]
    public void Compare_ZeroLimit_IsUnknown()
    {
        var history = Some.ShippedData.History("rus-ukraine-military-presence");

        Assert.Equal(Strength.Unknown, NegotiationAnalyzer.Compare(Some.ShippedData, history[0], history[1], new SolverLimit(0)).Strength);
        Assert.NotEqual(Strength.Unknown, NegotiationAnalyzer.Compare(Some.ShippedData, history[0], history[1], Ample).Strength);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void SolverLimit_NegativeOrNotFinite_IsRefused(double units) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SolverLimit(units));

    private static List<string> Describe(Enumeration e) =>
    [
        .. e.Conflicts.Select(c => "conflict " + Ids(c.Clauses)),
        .. e.Packages.Select(p => "package " + Ids(p.Kept) + " | " + string.Join(",", p.Witness.Select(kv => $"{kv.Key}={kv.Value}"))),
        "completion " + e.Completion,
    ];

    private static string Ids(ImmutableArray<Clause> clauses) => string.Join(",", clauses.Select(c => c.Id));
}
