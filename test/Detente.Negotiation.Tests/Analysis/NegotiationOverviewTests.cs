using Detente.Core;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;

namespace Detente.Negotiation.Tests.Analysis;

/// <summary>The overview <c>detente demo</c> renders, computed from the shipped positions of 26 January 2022.</summary>
public sealed class NegotiationOverviewTests
{
    private static readonly DateOnly Day = new(2022, 1, 26);

    private static readonly OverviewQuestions Questions = new(
        [new PartyId("RUS"), new PartyId("USA"), new PartyId("NATO")], [new PartyId("USA"), new PartyId("NATO")], Day,
        new DateOnly(2022, 2, 17), "rus-ukraine-military-presence");

    private static readonly Lazy<NegotiationOverview> Overview = new(() => NegotiationOverview.Of(Some.ShippedData, Some.StatusQuo(Day), Questions));

    [Fact]
    public void Of_AnswersEveryQuestionForTheChosenParties()
    {
        var o = Overview.Value;
        Assert.Equal(["NATO", "RUS", "USA"], o.All.Problem.Parties.Select(p => p.Code).Order());
        Assert.Equal(2, o.Pair.Problem.Parties.Length);
        Assert.Equal([false, true], o.Linkage.Select(l => l.Linked));
        Assert.All(o.Linkage, l => Assert.Equal(new DateOnly(2022, 2, 17), l.Day));
        Assert.Equal(Some.ShippedData.Proposals.FirstOrDefault(), o.Proposal);
        Assert.Equal(3, o.ProposalScores.Count);
    }

    [Fact]
    public void Of_RedLineChangesCompareConsecutiveVersionsOfOneLine()
    {
        var o = Overview.Value;
        Assert.NotEmpty(o.RedLineChanges);
        Assert.All(o.RedLineChanges, c =>
        {
            Assert.Equal(c.Step.First.Line, c.Step.Second.Line);
            Assert.Equal(c.Party, c.Step.First.Party);
            Assert.True(c.Step.First.Date <= c.Step.Second.Date);
            Assert.Equal(PositionKind.RedLine, c.Step.First.Kind);
        });
        Assert.Equal(o.History.Count - 1, o.HistorySteps.Count);
        Assert.All(o.History, p => Assert.Equal("rus-ukraine-military-presence", p.Line));
    }

    [Fact]
    public void Of_IsTheSameOnEveryRun() =>
        Assert.Equal(Overview.Value.SolverLimitReached,
            NegotiationOverview.Of(Some.ShippedData, Some.StatusQuo(Day), Questions).SolverLimitReached);
}
