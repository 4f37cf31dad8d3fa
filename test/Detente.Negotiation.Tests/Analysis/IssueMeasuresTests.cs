using Detente.Core;
using Detente.Negotiation;

namespace Detente.Negotiation.Tests.Analysis;

/// <summary>The shipped issues' measures, compiled by the rule language and evaluated on the europe-2022 scenario.</summary>
public sealed class IssueMeasuresTests
{
    private static readonly DateOnly Drafts = new(2021, 12, 17);

    private static readonly DateOnly Reply = new(2022, 1, 26);

    private sealed class Fixed(int value) : IIssueMeasure
    {
        public IssueValue Measure(World world) => new(value, "measured", "fixed for the test");
    }

    private static IssueValue Value(string issue, DateOnly day)
    {
        var i = Some.ShippedData.IssuesById[new IssueId(issue)];
        return Some.ShippedMeasures.StatusQuo(i, day, Some.Scenario.At(day))!.Value;
    }

    private static string Show(string issue, DateOnly day)
    {
        var v = Value(issue, day);
        var i = Some.ShippedData.IssuesById[new IssueId(issue)];
        return v.Value is { } x ? i.Describe(x) : $"{v.Basis}: {string.Join(" or ", v.Candidates.Select(i.Describe))}";
    }

    [Fact]
    public void EveryMeasuredIssue_CompilesAndIsMeasuredOnBothDays()
    {
        var measured = Some.ShippedData.Issues.Where(i => i.Measure is not null).ToList();
        Assert.True(measured.Count >= 10, $"only {measured.Count} issues are measured");
        foreach (var issue in measured)
        {
            Assert.True(Some.ShippedMeasures.IsRegistered(issue.Id), issue.Id.Value);
            foreach (var day in new[] { Drafts, Reply })
            {
                var v = Some.ShippedMeasures.StatusQuo(issue, day, Some.Scenario.At(day));
                Assert.NotNull(v);
                Assert.NotEqual("recorded", v.Value.Basis);
            }
        }
    }

    [Theory]
    [InlineData("ukr-nato-member", "no")]
    [InlineData("geo-nato-member", "no")]
    [InlineData("nato-members", "30 states")]
    [InlineData("allied-forces-post-1997", "rotational")]
    [InlineData("aegis-ashore-post-1997", "1 sites")]
    [InlineData("inf-missiles-europe-usa", "none")]
    [InlineData("inf-missiles-europe-rus", "disputed: none or unrestricted")]
    [InlineData("us-nuclear-weapons-abroad", "yes")]
    [InlineData("rus-nuclear-weapons-abroad", "no")]
    [InlineData("ukr-offensive-missiles", "no")]
    [InlineData("ukr-permanent-combat-forces", "disputed: no or yes")]
    public void Measure_OnTheDraftsAndTheReply_GivesWhatTheRecordShows(string issue, string expected)
    {
        Assert.Equal(expected, Show(issue, Drafts));
        Assert.Equal(expected, Show(issue, Reply));
    }

    [Fact]
    public void Measure_FollowsTheWorld_AcrossDates()
    {
        // Before the 2016 opening of Deveselu there was no Aegis Ashore site; Redzikowo adds the second in 2024.
        Assert.Equal(0, Value("aegis-ashore-post-1997", new DateOnly(2015, 1, 1)).Value);
        Assert.Equal(2, Value("aegis-ashore-post-1997", new DateOnly(2024, 8, 1)).Value);

        // Sixteen members on the Founding Act's day, thirty in 2022, thirty-two after Finland and Sweden joined.
        Assert.Equal(16, Value("nato-members", new DateOnly(1997, 5, 27)).Value);
        Assert.Equal(32, Value("nato-members", new DateOnly(2024, 6, 1)).Value);

        // No later member had allied forces before 1999, when the first joined.
        Assert.Equal(0, Value("allied-forces-post-1997", new DateOnly(1998, 1, 1)).Value);
    }

    [Fact]
    public void Measure_Explanation_NamesTheDecidingFacts()
    {
        var v = Value("allied-forces-post-1997", Reply);
        Assert.Equal("measured", v.Basis);
        Assert.Matches("facts: .*(nato-efp|usa-)", v.Explanation);
        var rus = Value("inf-missiles-europe-rus", Reply);
        Assert.Contains("9m729", rus.Explanation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UnmeasuredIssue_UsesTheRecordedData_WithItsReason()
    {
        var issue = Some.ShippedData.IssuesById[new IssueId("attack-on-ukraine")];
        Assert.False(Some.ShippedMeasures.IsRegistered(issue.Id));
        Assert.NotNull(issue.Unmeasured);
        var world = Some.Scenario.At(Reply);
        Assert.Equal(("recorded", 0), (Some.ShippedMeasures.StatusQuo(issue, Reply, world)!.Value.Basis,
            Some.ShippedMeasures.StatusQuo(issue, Reply, world)!.Value.Value!.Value));
        Assert.Equal(1, Some.ShippedMeasures.StatusQuo(issue, new DateOnly(2022, 3, 1), null)!.Value.Value);
    }

    [Fact]
    public void MeasuredIssue_WithoutAWorld_IsUnknownRatherThanRecorded()
    {
        var issue = Some.ShippedData.IssuesById[new IssueId("ukr-nato-member")];
        Assert.Null(Some.ShippedMeasures.StatusQuo(issue, Reply, null));
    }

    [Fact]
    public void StatusQuo_RegisteredMeasureOutsideDomain_Throws()
    {
        var issue = Some.ShippedData.IssuesById[new IssueId("attack-on-ukraine")];
        var world = Some.Scenario.At(Reply);
        var measures = new IssueMeasures();
        measures.Register(issue.Id, new Fixed(1));
        var measured = measures.StatusQuo(issue, world.At, world)!.Value;
        Assert.Equal(("measured", 1), (measured.Basis, measured.Value));
        measures.Register(issue.Id, new Fixed(7));
        Assert.Throws<InvalidOperationException>(() => measures.StatusQuo(issue, world.At, world));
    }

    [Fact]
    public void StatusQuo_BeforeAnyRecord_IsUnknown()
    {
        var issue = Some.ShippedData.IssuesById[new IssueId("attack-on-ukraine")];
        Assert.Null(new IssueMeasures().StatusQuo(issue, new DateOnly(1990, 1, 1), null));
    }
}
