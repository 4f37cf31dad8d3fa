using Detente.Core;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;
using Xunit;

namespace Detente.Rules.Tests;

/// <summary>
/// The views the facade gives over compiled documents for the CLI and the server: clauses no machine can check and whom they
/// bind, the compliance matrix, timelines, explanations and outlines.
/// </summary>
public sealed class RuleViewsTests
{
    private const string Text = """
        agreement t-views
          title "Views"
          kind treaty
          date 2020-01-01
          parties {USA, RUS, POL}
          in-force 2020-01-01
        param max-troops: number = 100
          "Most troops a party may keep abroad."
        param abroad: states = {POL, LTU, DEU}
          "Where forces count as abroad."
        param unused: number = 3
          "Read by no clause."
        article 1 "No foreign forces above the limit."
          clause "Forces abroad stay under max-troops."
            limit deployments d by d.owner
              where d.host in abroad
              sum d.quantity <= max-troops
        article 2 "Talks."
          binds {RUS}
          uncheckable "talks are not recorded"
        """;

    private static readonly RuleEngine Engine = new(new RuleGeography(null, null));

    private static readonly ClauseId Talks = ClauseId.Parse("t-views/2");

    private static Agreement Compile()
    {
        Assert.True(Engine.TryCompile(Text, "t-views.accord", out var agreement, out var diagnostics), string.Join("\n", diagnostics));
        return agreement;
    }

    [Fact]
    public void UncheckableBound_GivesTheClausesBoundParties()
    {
        var bound = Engine.UncheckableBound(Compile(), Some.Scenario().At(Some.Day));
        Assert.Equal(["RUS"], Assert.Single(bound, b => b.Key == Talks).Value);
    }

    [Fact]
    public void OfParty_KeepsTheUncheckableClauseOnlyForThePartyItBinds()
    {
        var doc = Compile();
        var world = Some.Scenario().At(Some.Day);
        var all = Engine.Evaluate(doc, world);
        Assert.Contains(all, f => f.Clause == Talks && f.Status == FindingStatus.NotCheckable && f.Party is null);
        Assert.Contains(Engine.OfParty(doc, world, null, all, "RUS"), f => f.Clause == Talks);
        var usa = Engine.OfParty(doc, world, null, all, "USA");
        Assert.DoesNotContain(usa, f => f.Clause == Talks);
        Assert.All(usa, f => Assert.Equal("USA", f.PartyCode));
    }

    [Fact]
    public void ComplianceMatrix_CountsFindingsAndUncheckableBindingsByParty()
    {
        var doc = Compile();
        var matrix = ComplianceMatrix.Build(Engine, [doc], Some.Scenario().At(Some.Day), _ => null, [], null);
        Assert.Equal(["POL", "RUS", "USA"], matrix.Parties);
        Assert.Equal(1, matrix.Count("RUS", doc, FindingStatus.NotCheckable));
        Assert.Equal(0, matrix.Count("USA", doc, FindingStatus.NotCheckable));
        Assert.Equal(1, matrix.Count("USA", doc, FindingStatus.Violated));
        Assert.Equal(1, matrix.NotCheckableTotal);
        Assert.Empty(matrix.BoundOnlyByUncheckable());
        Assert.False(matrix.Binds("DEU", doc));
    }

    [Fact]
    public void ComplianceMatrix_ForOneParty_KeepsItsFindingsAndBindingsOnly()
    {
        var doc = Compile();
        var matrix = ComplianceMatrix.Build(Engine, [doc], Some.Scenario().At(Some.Day), _ => null, [], "USA");
        Assert.Equal(["USA"], matrix.Parties);
        Assert.All(matrix.Findings, f => Assert.Equal("USA", f.PartyCode));
        Assert.Equal(0, matrix.NotCheckableTotal);
    }

    [Fact]
    public void Timeline_ByMonth_StepsFromTheClampedDay()
    {
        var points = Engine.Timeline(Compile(), Some.Scenario(), new DateOnly(2022, 1, 31), new DateOnly(2022, 4, 27), TimelineStep.Month);
        Assert.Equal([new DateOnly(2022, 1, 31), new DateOnly(2022, 2, 28), new DateOnly(2022, 3, 28)], points.Select(p => p.Day));
        Assert.All(points, p => Assert.Equal(DocumentStanding.InForce, p.Standing));
    }

    [Fact]
    public void Timeline_BeforeTheDocumentsDate_IsNotApplicable_AndForAPartyOnlyItsOwn()
    {
        var points = Engine.Timeline(Compile(), Some.Scenario(), new DateOnly(2019, 12, 25), new DateOnly(2020, 1, 8), TimelineStep.Week, party: "RUS");
        Assert.Equal(3, points.Count);
        Assert.Equal(DocumentStanding.NotYetIssued, points[0].Standing);
        Assert.NotEmpty(points[0].Findings);
        Assert.All(points[0].Findings, f => Assert.Equal(FindingStatus.NotApplicable, f.Status));
        Assert.Equal(DocumentStanding.InForce, points[2].Standing);
        Assert.All(points.SelectMany(p => p.Findings), f => Assert.True(f.PartyCode == "RUS" || f.Clause == Talks));
    }

    [Fact]
    public void TryExplain_ReadsTheParametersTheClauseUses_AndTracesTheSubject()
    {
        var doc = Compile();
        Assert.True(Engine.TryParseParameters(doc, ["max-troops=200"], null, out var settings, out _));
        Assert.True(Engine.TryExplain(doc, "1", Some.Scenario(), Some.Scenario().At(Some.Day), settings, "usa-pol", out var x, out var problem), problem);
        Assert.Equal(["max-troops", "abroad"], x.Parameters.Select(p => p.Name));
        Assert.True(x.Parameters[0].Set);
        Assert.Equal(200.0, x.Parameters[0].Value);
        Assert.False(x.Parameters[1].Set);
        Assert.Equal(3, x.DocumentParameters);
        Assert.IsType<Deployment>(x.SubjectFact);
        Assert.Contains("quantity", x.FieldsRead);
        Assert.Contains("host", x.FieldsRead);
        Assert.NotEmpty(x.Trace);
        Assert.All(x.Findings, f => Assert.Equal("USA", f.PartyCode));
        Assert.Equal("t-views/1", x.Clause.Id.ToString());
        Assert.Equal("1", x.Article.Number);
    }

    [Fact]
    public void TryExplain_SubjectOfAnotherKind_IsNamedButNotEvaluated()
    {
        var doc = Compile();
        Assert.True(Engine.TryExplain(doc, "1", Some.Scenario(), Some.Scenario().At(Some.Day), null, "nato-usa", out var x, out _));
        Assert.Equal(FactKind.Membership, x.SubjectKind);
        Assert.Equal(FactKind.Deployment, x.Over);
        Assert.Null(x.SubjectFact);
        Assert.Empty(x.Trace);
    }

    [Fact]
    public void TryExplain_UnknownClause_NamesTheDocument()
    {
        Assert.False(Engine.TryExplain(Compile(), "9", Some.Scenario(), Some.Scenario().At(Some.Day), null, null, out var x, out var problem));
        Assert.Null(x);
        Assert.StartsWith("unknown clause of t-views '9'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFind_MisspeltId_SuggestsTheNearest()
    {
        var dir = Directory.CreateTempSubdirectory("rule-views-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "t-views.accord"), Text);
            Assert.True(Engine.TryLoad(dir.FullName, out var library, out var diagnostics), string.Join("\n", diagnostics));
            Assert.True(RuleEngine.TryFind(library, "t-views", out var found, out _));
            Assert.Equal("t-views", found.Id);
            Assert.False(RuleEngine.TryFind(library, "t-veiws", out _, out var problem));
            Assert.Equal("unknown agreement 't-veiws'; did you mean 't-views'?", problem);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Outline_SaysWhichClausesAreCheckableAndWhyNot()
    {
        var outline = AgreementOutline.Of(Compile());
        Assert.Equal(["t-views/1", "t-views/2"], outline.Clauses.Select(c => c.Id.ToString()));
        Assert.True(outline.Clauses.First().Checkable);
        var talks = outline.Clauses.Last();
        Assert.False(talks.Checkable);
        Assert.Equal("talks are not recorded", talks.Reason);
        Assert.Equal("{USA, RUS, POL}", outline.Parties);
    }
}
