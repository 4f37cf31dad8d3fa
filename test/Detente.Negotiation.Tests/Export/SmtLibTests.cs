using System.Collections.Immutable;
using Detente.Core;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Negotiation.Export;

namespace Detente.Negotiation.Tests.Export;

/// <summary>Cross-checks the CP-SAT verdicts and cores against z3 on the SMT-LIB export.</summary>
public sealed class SmtLibTests
{
    private static readonly SolverLimit Budget = new(20);

    [Fact]
    public void Export_NamesEveryClauseAndDeclaresEveryIssue()
    {
        var problem = NegotiationProblem.Create(Some.ShippedData, [], null, false);
        var text = SmtLib.Export(Some.ShippedData, problem.Clauses);
        Assert.Contains("(declare-const |ukr-nato-member| Int)", text);
        Assert.Contains(":named |nato-2022-01-26-open-door|", text);
        Assert.Contains("(= (mod (- |border-zone-width-km| 0) 25) 0)", text);
        Assert.EndsWith("(get-unsat-core)" + Environment.NewLine, text);
    }

    [Theory]
    [InlineData("RUS,USA,NATO", "unsat")]
    [InlineData("USA,NATO", "sat")]
    [InlineData("USA,NATO,FRA", "sat")]
    [InlineData("RUS", "sat")]
    [InlineData("RUS,UKR", "unsat")]
    public void Z3Verdict_AgreesWithCpSat_OnTheScenario(string parties, string expected)
    {
        var problem = NegotiationProblem.Create(
            Some.ShippedData, [.. parties.Split(',').Select(p => new PartyId(p))], new DateOnly(2022, 1, 26), false);
        var ours = new NegotiationAnalyzer(problem).Feasibility(Budget).Feasible;
        var (verdict, core) = Z3.Run(SmtLib.Export(Some.ShippedData, problem.Clauses));
        Assert.Equal(expected, verdict);
        Assert.Equal(expected == "sat", ours);
        if (verdict == "unsat")
        {
            // z3's core need not be minimal, but it must be a conflict for us too.
            var analyzer = new NegotiationAnalyzer(problem);
            var indices = core.Select(id => problem.Clauses.IndexOf(problem.Clauses.Single(c => c.Id == id))).ToList();
            Assert.False(analyzer.CanHold(indices, Budget));
        }
    }

    [Fact]
    public void EveryMinimalConflict_IsUnsatForZ3_AndEveryStrictSubsetIsSat()
    {
        var problem = NegotiationProblem.Create(Some.ShippedData, [], new DateOnly(2022, 1, 26), false);
        var result = new NegotiationAnalyzer(problem).Enumerate(8, Budget);
        Assert.NotEmpty(result.Conflicts);
        foreach (var conflict in result.Conflicts)
        {
            Assert.Equal("unsat", Z3.Run(SmtLib.Export(Some.ShippedData, conflict.Clauses)).Verdict);
            foreach (var c in conflict.Clauses)
            {
                Assert.Equal("sat", Z3.Run(SmtLib.Export(Some.ShippedData, conflict.Clauses.Remove(c))).Verdict);
            }
        }
    }

    [Fact]
    public void Verdicts_AgreeOnRandomSubsetsOfAGeneratedInstance()
    {
        var data = SyntheticNegotiation.Create(issues: 12, positions: 40, seed: 7);
        var problem = NegotiationProblem.Create(data, [], null, false);
        var analyzer = new NegotiationAnalyzer(problem);
        var random = new Random(11);
        var sat = 0;
        for (var round = 0; round < 12; round++)
        {
            var subset = Enumerable.Range(0, problem.Clauses.Length).Where(_ => random.Next(2 + round * 2) == 0).ToList();
            var ours = analyzer.CanHold(subset, Budget);
            var (verdict, core) = Z3.Run(SmtLib.Export(data, subset.Select(i => problem.Clauses[i])));
            Assert.Equal(ours == true ? "sat" : "unsat", verdict);
            if (verdict == "unsat")
            {
                Assert.False(analyzer.CanHold(core.Select(id => problem.Clauses.IndexOf(problem.Clauses.Single(c => c.Id == id))), Budget));
            }
            else
            {
                sat++;
            }
        }

        Assert.InRange(sat, 1, 11); // both verdicts were exercised
    }

    [Fact]
    public void Term_NegativeNumbersAndMembership_AreWellFormed()
    {
        Assert.Equal("(or (= |x| 1) (= |x| 3))", SmtLib.Term(new Membership(new IssueId("x"), [1, 3])));
        Assert.Equal("(>= |x| (- 5))", SmtLib.Term(new Compare(new IssueId("x"), CompareOp.Ge, -5)));
        var implies = new Implies(new Compare(new IssueId("x"), CompareOp.Eq, 1), new Compare(new IssueId("y"), CompareOp.Ne, 0));
        Assert.Equal("(=> (= |x| 1) (not (= |y| 0)))", SmtLib.Term(implies));
        _ = ImmutableArray<int>.Empty;
    }
}
