using Detente.Core;
using Detente.Negotiation.Analysis;

namespace Detente.Negotiation.Tests.Analysis;

/// <summary>The best package is ranked honestly: ties shown as ties, the deciding weights named, and a ±50% check on each weight.</summary>
public sealed class PackageRankingTests
{
    private static readonly SolverLimit Budget = new(20);

    private const string Sources = """
        { "sources": {
            "s": { "title": "t", "publisher": "p", "date": "2022-01-01", "url": "https://example.org/", "kind": "press", "reliability": "C", "origin": "independent", "confidence": "verified" },
            "w": { "title": "t", "publisher": "press reports (recalled)", "date": "2022-01-01", "url": null, "kind": "press", "reliability": "C", "origin": "independent", "confidence": "recalled" } } }
        """;

    private static PackageRanking Rank(string positions)
    {
        var data = NegotiationData.Load(Some.Directory(positions: positions, sources: Sources));
        var problem = NegotiationProblem.Create(data, [new PartyId("XXX"), new PartyId("YYY")], null, linkage: false);
        var analyzer = new NegotiationAnalyzer(problem);
        var enumeration = analyzer.Enumerate(100, Budget);
        Assert.Equal(Completion.Complete, enumeration.Completion);
        var best = analyzer.Best(Budget).Package!;
        return PackageRanking.Of(problem, best, enumeration.Packages);
    }

    private static string Demand(string id, string party, int weight, string holds, string source = "s") =>
        $$"""{ "id": "{{id}}", "party": "{{party}}", "kind": "demand", "weight": {{weight}}, "date": "2022-01-01", "title": "{{id}}", "holds": {{holds}}, "sources": ["{{source}}"] }""";

    private static string RedLine(string id, string party, string holds) =>
        $$"""{ "id": "{{id}}", "party": "{{party}}", "kind": "red-line", "date": "2022-01-01", "title": "{{id}}", "holds": {{holds}}, "sources": ["s"] }""";

    private const string CMany = """{ "issue": "c", "op": "=", "value": "many" }""";
    private const string CNone = """{ "issue": "c", "op": "=", "value": "none" }""";
    private const string BBig = """{ "issue": "b", "op": ">=", "value": 50 }""";
    private const string BZero = """{ "issue": "b", "op": "<=", "value": 0 }""";

    [Fact]
    public void OpposedRedLines_OfEqualWeight_AreATie_NotAnAnswer()
    {
        var ranking = Rank($$"""
            { "positions": [
              {{RedLine("x-red", "XXX", """{ "issue": "a", "op": "=", "value": "yes" }""")}},
              {{RedLine("y-red", "YYY", """{ "issue": "a", "op": "=", "value": "no" }""")}},
              {{Demand("dx", "XXX", 5, CMany)}},
              {{Demand("dy", "YYY", 5, CNone)}},
              {{Demand("dz", "YYY", 5, BBig)}}
            ] }
            """);
        Assert.Equal(2, ranking.Tied.Length);
        Assert.Equal(["x-red", "y-red"], ranking.Tied.Select(p => p.Dropped.Single(c => c.Kind == PositionKind.RedLine).Id).Order());
        Assert.All(ranking.Tied, p => Assert.Contains(p.Kept, c => c.Id == "dx"));
        Assert.False(ranking.DecidedByRedLines);
        Assert.Equal(["dx", "dy"], ranking.Deciding.Select(c => c.Id).Order());
        Assert.True(ranking.Stable);
        Assert.Empty(ranking.WeaklySourced);
    }

    [Fact]
    public void CloseWeights_ChangeTheBestPackage_WhenOneVariesByHalf_AndWeakSourcesAreFlagged()
    {
        var ranking = Rank($$"""
            { "positions": [
              {{Demand("dx", "XXX", 6, CMany)}},
              {{Demand("dx2", "XXX", 4, BZero)}},
              {{Demand("dy", "YYY", 5, CNone, source: "w")}},
              {{Demand("dz", "YYY", 5, BBig)}}
            ] }
            """);
        var best = Assert.Single(ranking.Tied);
        Assert.Equal(["dx", "dz"], best.Kept.Select(c => c.Id).Order());
        Assert.False(ranking.Stable);
        var dx = Assert.Single(ranking.Sensitivity, s => s.Clause.Id == "dx");
        Assert.True(dx.ChangesAtLow);
        Assert.Equal(0.5, ranking.Variation);
        Assert.Equal(["dy"], ranking.WeaklySourced.Select(c => c.Id));
    }

    [Fact]
    public void FewerRedLinesCrossed_DecideBeforeAnyWeight()
    {
        var ranking = Rank($$"""
            { "positions": [
              {{RedLine("x-red", "XXX", """{ "issue": "a", "op": "=", "value": "yes" }""")}},
              {{Demand("dy", "YYY", 5, """{ "issue": "a", "op": "=", "value": "no" }""")}},
              {{Demand("dz", "YYY", 5, BBig)}}
            ] }
            """);
        Assert.Single(ranking.Tied);
        Assert.Empty(ranking.Tied[0].Dropped.Where(c => c.Kind == PositionKind.RedLine));
        Assert.True(ranking.DecidedByRedLines);
        Assert.Empty(ranking.Deciding);
    }

    [Theory]
    [InlineData('F', true)]
    [InlineData('E', true)]
    [InlineData('D', false)]
    [InlineData('B', false)]
    public void Weak_SourceGradedEOrF_IsWeak_EvenWithAnAddressAndVerified(char grade, bool weak)
    {
        var source = new CitedSource(
            new Core.Source(new Core.SourceId("t"), "t", "p", "2022-01-01", "https://example.org/", Core.SourceKind.Press) { Reliability = grade },
            Core.Confidence.Verified);
        Assert.Equal(weak, PackageRanking.Weak(source));
    }
}
