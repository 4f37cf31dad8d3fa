using Detente.Core;
using Detente.Rules.Runtime;
using Xunit;

namespace Detente.Rules.Tests;

/// <summary>The public facade: compile text to an agreement or located diagnostics, evaluate it over a world with parameters.</summary>
public sealed class RuleEngineTests
{
    private const string Text = """
        agreement t-facade
          title "Facade"
          kind treaty
          date 2020-01-01
          parties {USA, RUS, POL}
          in-force 2020-01-01
        param max-troops: number = 100
          "Most troops a party may keep abroad."
        param abroad: states = {POL, LTU, DEU}
          "Where forces count as abroad."
        article 1 "No foreign forces above the limit."
          clause "Forces abroad stay under max-troops."
            limit deployments d by d.owner
              where d.host in abroad
              sum d.quantity <= max-troops
        """;

    private static readonly RuleEngine Engine = new(new RuleGeography(null, null));

    private static World World() => Some.Scenario().At(Some.Day);

    [Fact]
    public void TryCompile_GoodText_GivesTheAgreementWithTypedIds()
    {
        Assert.True(Engine.TryCompile(Text, "t-facade.accord", out var agreement, out var diagnostics), string.Join("\n", diagnostics));
        Assert.Empty(diagnostics);
        Assert.Equal(new AgreementId("t-facade"), agreement.AgreementId);
        Assert.Equal([ClauseId.Parse("t-facade/1")], agreement.ClauseIds);
        Assert.Equal(["max-troops", "abroad"], agreement.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void TryCompile_MisspeltKeyword_ReportsFileLineAndColumn()
    {
        var bad = Text.Replace("where d.host in", "where d.hots in", StringComparison.Ordinal);
        Assert.False(Engine.TryCompile(bad, "t-facade.accord", out var agreement, out var diagnostics));
        Assert.Null(agreement);
        var error = Assert.Single(diagnostics);
        Assert.Equal("t-facade.accord", error.File);
        Assert.Equal(14, error.Line);
        Assert.Equal(14, error.Column);
        Assert.StartsWith("t-facade.accord:14:14:", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("t-facade.accord", 14, 14), error.Location);
    }

    [Fact]
    public void TryCompile_ArticleNumberTooLongForAClauseId_IsAnErrorAtTheNumber()
    {
        var bad = Text.Replace("article 1 ", "article " + new string('7', 81) + " ", StringComparison.Ordinal);
        Assert.False(Engine.TryCompile(bad, "t-facade.accord", out _, out var diagnostics));
        var error = Assert.Single(diagnostics);
        Assert.Equal((11, 9), (error.Line, error.Column));
        Assert.Contains("at most 80 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_IdDiffersFromFileName_IsAnError()
    {
        Assert.False(Engine.TryCompile(Text, "other.accord", out _, out var diagnostics));
        Assert.Contains(diagnostics, d => d.Message.Contains("differs from its file name", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_GivesTypedFindings_AndParametersChangeThem()
    {
        Assert.True(Engine.TryCompile(Text, "t-facade.accord", out var agreement, out _));
        var plain = Engine.Evaluate(agreement, World());
        Assert.NotEmpty(plain);
        Assert.All(plain, f => Assert.Equal(ClauseId.Parse("t-facade/1"), f.Clause));
        Assert.All(plain, f => Assert.NotNull(f.Party));

        Assert.True(Engine.TryParseParameters(agreement, ["max-troops=0"], null, out var strict, out var errors), string.Join("\n", errors));
        var findings = Engine.Evaluate(agreement, World(), strict);
        Assert.True(findings.Count(f => f.Status == FindingStatus.Violated) >= plain.Count(f => f.Status == FindingStatus.Violated));
        Assert.Equal(0d, Engine.ParameterValues(agreement, World(), strict)["max-troops"]);
        Assert.Equal(100d, Engine.ParameterValues(agreement, World())["max-troops"]);
    }

    [Theory]
    [InlineData("max-troops")]
    [InlineData("=5")]
    [InlineData("no-such=5")]
    [InlineData("max-troops={USA}")]
    [InlineData("max-troops=(")]
    public void TryParseParameters_BadSetting_IsADiagnosticNotAnException(string setting)
    {
        Assert.True(Engine.TryCompile(Text, "t-facade.accord", out var agreement, out _));
        Assert.False(Engine.TryParseParameters(agreement, [setting], null, out var parameters, out var diagnostics));
        Assert.Null(parameters);
        Assert.NotEmpty(diagnostics);
    }

    [Fact]
    public void Standing_TreatyBeforeItsDate_IsNotYetIssued()
    {
        Assert.True(Engine.TryCompile(Text, "t-facade.accord", out var agreement, out _));
        Assert.Equal(DocumentStanding.NotYetIssued, RuleEngine.Standing(agreement, new DateOnly(2019, 12, 31)));
        Assert.Equal(DocumentStanding.InForce, RuleEngine.Standing(agreement, new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public void Bound_ClauseOfAnotherAgreement_Throws()
    {
        Assert.True(Engine.TryCompile(Text, "t-facade.accord", out var agreement, out _));
        Assert.Equal(["POL", "RUS", "USA"], Engine.Bound(agreement, ClauseId.Parse("t-facade/1"), World()).Select(p => p.Code));
        Assert.Throws<ArgumentException>(() => Engine.Bound(agreement, ClauseId.Parse("other/1"), World()));
        // Only the condition counts: max-troops is the clause's bound, abroad its condition; a name within a name is no use.
        Assert.Equal([ClauseId.Parse("t-facade/1")], RuleEngine.ClausesUsing(agreement, "abroad"));
        Assert.Empty(RuleEngine.ClausesUsing(agreement, "max-troops"));
        Assert.Empty(RuleEngine.ClausesUsing(agreement, "broad"));
    }

    [Theory]
    [InlineData("us-2022-response/2.1", true)]
    [InlineData("vienna-document-2011/38", true)]
    [InlineData("us-2022-response", false)]
    [InlineData("/2", false)]
    [InlineData("Us/2", false)]
    [InlineData("us/2 1", false)]
    [InlineData("us/", false)]
    [InlineData("us/2/3", false)]
    public void ClauseId_Parse_AcceptsOnlyAgreementSlashNumber(string text, bool valid)
    {
        Assert.Equal(valid, ClauseId.TryParse(text, out var id));
        if (valid)
        {
            Assert.Equal(text, id.ToString());
        }
        else
        {
            Assert.Throws<ArgumentException>(() => ClauseId.Parse(text));
        }
    }

    [Fact]
    public void FactKinds_UnknownName_FailsWithTheKnownNames()
    {
        Assert.True(FactKinds.TryParse("deployment", out var kind));
        Assert.Equal(FactKind.Deployment, kind);
        var e = Assert.Throws<ArgumentException>(() => FactKinds.Parse("deploymnet"));
        Assert.Contains("membership", e.Message, StringComparison.Ordinal);
        Assert.All(FactKinds.All, k => Assert.Equal(k, FactKinds.Parse(FactKinds.Name(k))));
        Assert.Throws<ArgumentOutOfRangeException>(() => FactKinds.Name((FactKind)99));
    }

    [Fact]
    public void Subjects_ValueThatIsNotAFact_FailsInsteadOfBeingAMembership()
    {
        var e = Assert.Throws<ArgumentException>(() => Subjects.KindOf((object)"not a fact"));
        Assert.Contains("not a fact", e.Message, StringComparison.Ordinal);
    }
}
