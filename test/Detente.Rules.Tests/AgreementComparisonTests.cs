using Detente.Rules.Comparison;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;
using Detente.Data;

namespace Detente.Rules.Tests;

/// <summary>
/// <c>agreements diff</c>: pairs of small documents in <c>Cases/diff/</c> whose relation is known by construction, and the
/// shipped documents. Every separating world the comparison reports is checked by evaluating both documents on it again.
/// </summary>
public sealed class AgreementComparisonTests
{
    private static readonly DateOnly Day = new(2022, 1, 12);

    private static readonly Lazy<(AgreementLibrary Cases, AgreementLibrary Shipped, Core.Scenario Scenario, Evaluator Evaluator)> Data = new(() =>
    {
        var data = AgreementsTests.DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var scenario = ScenarioLoader.Load(Path.Combine(data, "scenarios", "europe-2022"));
        return (AgreementLibrary.Load(Path.Combine(AppContext.BaseDirectory, "Cases", "diff"), geography.RegionNames),
            AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames), scenario, new Evaluator(geography));
    });

    private static AgreementDiff Diff(string a, string b, bool shipped = false)
    {
        var (cases, docs, scenario, evaluator) = Data.Value;
        var library = shipped ? docs : cases;
        return new AgreementComparison(evaluator, scenario).Compare(library.Find(a)!, library.Find(b)!, Day);
    }

    public static TheoryData<string, string, string, string> Pairs => new()
    {
        // a, b, the documents' relation, how the first clause pair is decided
        { "threshold-5000", "threshold-9000", "stronger", "symbolic+search" },
        { "threshold-9000", "threshold-5000", "weaker", "symbolic+search" },
        { "threshold-9000", "threshold-9000-literal", "equivalent", "symbolic" },
        { "zone-100", "zone-50", "stronger", "symbolic+search" },
        { "hosts-wide", "hosts-narrow", "stronger", "symbolic+search" },
        { "hosts-narrow", "hosts-wide", "weaker", "symbolic+search" },
        { "hosts-wide", "hosts-other", "incomparable", "symbolic+search" },
        { "notice-42", "notice-21", "stronger", "symbolic+search" },
        { "notice-21", "notice-42", "weaker", "symbolic+search" },
        { "binds-both", "threshold-9000", "weaker", "symbolic+search" },
        { "binds-both", "threshold-5000", "weaker", "symbolic+search" },
        { "binds-both", "hosts-wide", "incomparable", "search" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Diff_SmallDocuments_GiveTheRelationTheyWereBuiltWith(string a, string b, string expected, string basis)
    {
        var diff = Diff(a, b);
        Assert.Equal(expected, AgreementComparison.Word(diff.Strength));
        Assert.Equal(basis, diff.Clauses[0].Basis);
        AssertSeparationsHold(diff);

        // Whenever they differ, a concrete world shows it, in the direction the verdict says.
        switch (diff.Strength)
        {
            case Strength.Stronger:
                Assert.NotNull(diff.Search.LeftForbids);
                Assert.Null(diff.Search.RightForbids);
                break;
            case Strength.Weaker:
                Assert.NotNull(diff.Search.RightForbids);
                Assert.Null(diff.Search.LeftForbids);
                break;
            case Strength.Incomparable:
                Assert.NotNull(diff.Search.LeftForbids);
                Assert.NotNull(diff.Search.RightForbids);
                break;
            default:
                Assert.Null(diff.Search.LeftForbids);
                Assert.Null(diff.Search.RightForbids);
                break;
        }
    }

    [Fact]
    public void Diff_ThresholdFromParameter_ComparesTheValueNotTheName()
    {
        var clause = Diff("threshold-5000", "threshold-9000").Clauses.Single();
        var matched = Assert.Single(clause.Symbolic!.Components, c => c.Construct.StartsWith("facts matched", StringComparison.Ordinal));
        Assert.Equal("x.troops > 5,000", matched.Left);
        Assert.Equal("x.troops > 9,000", matched.Right);
        Assert.Equal(Strength.Stronger, matched.Strength);
    }

    [Fact]
    public void Diff_ShorterDeadline_IsComparedOnTheDueDate()
    {
        var clause = Diff("notice-42", "notice-21").Clauses.Single();
        Assert.Contains(clause.Symbolic!.Components, c => c.Construct == "due" && c.Strength == Strength.Stronger);
        Assert.Contains(clause.Symbolic.Components, c => c.Construct.StartsWith("statement required", StringComparison.Ordinal) && c.Strength == Strength.Stronger);
    }

    [Fact]
    public void Diff_RussianDraftAgainstNatoResponse_IsIncomparable_WithAWorldEachWay()
    {
        var diff = Diff("ru-nato-2021-draft", "nato-2022-response", shipped: true);
        Assert.Equal(Strength.Incomparable, diff.Strength);
        AssertSeparationsHold(diff);

        // Art. 7.1 (no NATO forces in Eastern Europe) and 2.1 (no Russian forces in Ukraine, Georgia, Moldova) align as the
        // same shape: a prohibition on deployments by their owner, binding different parties.
        var pair = Assert.Single(diff.Clauses, c => c.Left?.Id == "7.1");
        Assert.Equal("2.1", pair.Right!.Id);
        Assert.Equal(Strength.Incomparable, pair.Strength);
        Assert.Contains(diff.Clauses, c => c.Left?.Id == "6" && c.Right is null);
    }

    [Fact]
    public void Diff_DocumentWithItself_IsEquivalentBySymbolicComparison()
    {
        var diff = Diff("vienna-document-2011", "vienna-document-2011", shipped: true);
        Assert.Equal(Strength.Equivalent, diff.Strength);
        Assert.Equal("symbolic", diff.Basis);
        Assert.All(diff.Clauses, c => Assert.Equal(Strength.Equivalent, c.Strength));
    }

    [Fact]
    public void Atoms_MonotoneConstructs_ImplyInTheRightDirection()
    {
        var lower = new CompareAtom("x.troops", Ast.BinaryOp.Greater, "", 9000, false);
        var higher = new CompareAtom("x.troops", Ast.BinaryOp.Greater, "", 5000, false);
        Assert.True(lower.Implies(higher));
        Assert.False(higher.Implies(lower));
        var narrow = new MemberAtom("x.host", false, ["UKR"]);
        var wide = new MemberAtom("x.host", false, ["GEO", "UKR"]);
        Assert.True(narrow.Implies(wide));
        Assert.False(wide.Implies(narrow));
        Assert.True(new MemberAtom("x.host", true, ["GEO", "UKR"]).Implies(new MemberAtom("x.host", true, ["UKR"])));
        var zone50 = new ZoneAtom("x", "border-zone", ["RUS"], ["POL"], 50);
        var zone100 = new ZoneAtom("x", "border-zone", ["RUS"], ["LTU", "POL"], 100);
        Assert.True(zone50.Implies(zone100));
        Assert.False(zone100.Implies(zone50));
        Assert.False(new OpaqueAtom("x.active").Implies(new OpaqueAtom("x.foreign")));
    }

    /// <summary>Lays each reported world over the scenario and checks that the side said to forbid it has a new violation and the other none.</summary>
    private static void AssertSeparationsHold(AgreementDiff diff)
    {
        var (_, _, scenario, evaluator) = Data.Value;
        foreach (var sep in new[] { diff.Search.LeftForbids, diff.Search.RightForbids }.OfType<Separation>())
        {
            var grown = SeparatingSearch.With(scenario, sep.Facts?.Facts ?? []).At(sep.At);
            var before = SeparatingSearch.With(scenario, []).At(sep.At);
            var forbidding = sep.ForbiddenBy == diff.Left.Id ? diff.Left : diff.Right;
            var other = sep.ForbiddenBy == diff.Left.Id ? diff.Right : diff.Left;
            Assert.Contains(evaluator.Evaluate(forbidding, grown), f => f.Key == sep.Violation.Key && f.Status == FindingStatus.Violated);
            if (sep.Facts is not null)
            {
                var old = Violated(evaluator, other, before);
                Assert.All(Violated(evaluator, other, grown), k => Assert.Contains(k, old));
            }
            else
            {
                Assert.DoesNotContain(evaluator.Evaluate(other, grown), f => f.Status == FindingStatus.Violated && f.Subject.Id == sep.Violation.Subject.Id);
            }
        }
    }

    private static HashSet<string> Violated(Evaluator evaluator, Agreement agreement, Core.World world) =>
        evaluator.Evaluate(agreement, world).Where(f => f.Status == FindingStatus.Violated).Select(f => f.Key).ToHashSet();
}
