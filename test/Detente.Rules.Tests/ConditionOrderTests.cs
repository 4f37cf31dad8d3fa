using Detente.Rules.Evaluation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;

namespace Detente.Rules.Tests;

/// <summary>
/// 'only while' names a clause anywhere in the document: the condition is settled first even when it stands later,
/// and conditions that form a cycle are a compile error at the clause.
/// </summary>
public sealed class ConditionOrderTests
{
    private const string Header = """
        agreement t-cond
          title "conditions in any order"
          kind proposal
          date 2022-01-01
          parties {USA, POL, RUS, DEU, LTU}
          in-force none "test document"
          source test "test" "https://example.org/"

        """;

    private static readonly Evaluator Evaluator = new(RuleGeography.Load(Path.Combine(AgreementsTests.DataDirectory(), "geo")));

    private static Compilation.Agreement Compile(string text) =>
        TestDocuments.Compile("t-cond", Header + text, Evaluator.Geography.RegionNames);

    // Clause 1.1 (no US troops in Poland) applies only while 1.2 (no troops in Germany) holds; 1.2 stands after it and is
    // broken by the Russian deployment in Germany, so 1.1 is not applicable although the US deployment in Poland matches it.
    private const string LaterCondition = """
        article 1 "two clauses"
          clause 1 "no troops in Poland"
            forbid deployments d by d.owner where d.host = POL
            only while 1.2 holds
          clause 2 "no troops in Germany"
            forbid deployments d by d.owner where d.host = DEU

        """;

    [Fact]
    public void ConditionStandingLater_IsSettledFirst_AndSwitchesTheClauseOff()
    {
        var agreement = Compile(LaterCondition);
        var findings = Evaluator.Evaluate(agreement, Some.Scenario().At(Some.Day));
        Assert.Equal(FindingStatus.Violated, findings.Single(f => f.Clause.ToString() == "t-cond/1.2" && f.Subject.Id == "open-range").Status);
        var conditioned = findings.Single(f => f.Clause.ToString() == "t-cond/1.1" && f.Subject.Id == "usa-pol");
        Assert.Equal(FindingStatus.NotApplicable, conditioned.Status);
        Assert.Contains("Applies only while t-cond/1.2 holds", conditioned.Explanation, StringComparison.Ordinal);

        // Findings keep document order: every finding of 1.1 comes before those of 1.2.
        var clauses = findings.Select(f => f.Clause.ToString()).Distinct().ToList();
        Assert.Equal(["t-cond/1.1", "t-cond/1.2"], clauses);
    }

    [Fact]
    public void ConditionStandingLater_SameAsStandingEarlier()
    {
        var swapped = Compile("""
            article 1 "two clauses"
              clause 1 "no troops in Germany"
                forbid deployments d by d.owner where d.host = DEU
              clause 2 "no troops in Poland"
                forbid deployments d by d.owner where d.host = POL
                only while 1.1 holds

            """);
        var world = Some.Scenario().At(Some.Day);
        var later = Evaluator.Evaluate(Compile(LaterCondition), world).ToDictionary(f => f.Subject.Id + "|" + f.Explanation.Contains("only while"), f => f.Status);
        var earlier = Evaluator.Evaluate(swapped, world).ToDictionary(f => f.Subject.Id + "|" + f.Explanation.Contains("only while"), f => f.Status);
        Assert.Equal(earlier.OrderBy(p => p.Key), later.OrderBy(p => p.Key));
    }

    [Fact]
    public void IncrementalChecker_ConditionStandingLater_MatchesFullEvaluation()
    {
        var agreement = Compile(LaterCondition);
        var scenario = Some.Scenario();
        var extra = Some.Deployment("extra-deu", "USA", "DEU", Core.Quantity.Of(100));
        var grown = IncrementalCheckerTests.With(scenario, extra);
        var checker = new IncrementalChecker(Evaluator, agreement, scenario.At(Some.Day));
        checker.Add(extra, grown.At(Some.Day));
        var full = Evaluator.Evaluate(agreement, grown.At(Some.Day)).Select(f => (f.Key, f.Status)).Order().ToList();
        Assert.Equal(full, checker.Findings.Select(f => (f.Key, f.Status)).Order().ToList());
    }

    // Bad input: conditions that depend on each other (a cycle of two, and a clause conditioned on itself).
    [Theory]
    [InlineData("1.2", "1.1", "1.1 -> 1.2 -> 1.1")]
    [InlineData("1.1", null, "1.1 -> 1.1")]
    public void ConditionCycle_IsACompileErrorAtTheClause(string first, string? second, string cycle)
    {
        var text = $"""
            article 1 "two clauses"
              clause 1 "no troops in Poland"
                forbid deployments d by d.owner where d.host = POL
                only while {first} holds
              clause 2 "no troops in Germany"
                forbid deployments d by d.owner where d.host = DEU
            {(second is null ? "" : $"    only while {second} holds")}

            """;
        var error = Assert.Throws<RuleException>(() => Compile(text));
        var only = Assert.Single(error.Errors);
        Assert.Contains($"'only while' conditions form a cycle ({cycle})", only.Message, StringComparison.Ordinal);
        Assert.Equal("t-cond.accord", only.File);
        Assert.Equal(9, only.Position.Line);
    }
}
