using Detente.Core;
using Detente.Negotiation;

namespace Detente.Negotiation.Tests.Analysis;

public sealed class IssueMeasuresTests
{
    private sealed class Fixed(int value) : IIssueMeasure
    {
        public IssueValue Measure(World world) => new(value, "measured", "fixed for the test");
    }

    [Fact]
    public void StatusQuo_WithoutWorld_UsesRecordedData()
    {
        var issue = Some.ShippedData.IssuesById[new IssueId("attack-on-ukraine")];
        var measures = new IssueMeasures();
        measures.Register(issue.Id, new Fixed(1));
        Assert.Equal(0, measures.StatusQuo(issue, new DateOnly(2022, 1, 26), null)!.Value.Value);
        Assert.Equal(1, measures.StatusQuo(issue, new DateOnly(2022, 3, 1), null)!.Value.Value);
        Assert.Equal("recorded", measures.StatusQuo(issue, new DateOnly(2022, 1, 26), null)!.Value.Basis);
    }

    [Fact]
    public void StatusQuo_BeforeAnyRecord_IsUnknown()
    {
        var issue = Some.ShippedData.IssuesById[new IssueId("attack-on-ukraine")];
        Assert.Null(new IssueMeasures().StatusQuo(issue, new DateOnly(1990, 1, 1), null));
    }
}
