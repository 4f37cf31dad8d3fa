using Detente.Negotiation;
using Detente.Negotiation.Analysis;

namespace Detente.Negotiation.Tests.Analysis;

/// <summary>The whole analysis <c>detente analyze</c> shows, run from the library: its parts, its status-quo day, its changes and histories.</summary>
public sealed class NegotiationReportTests
{
    [Fact]
    public void Run_SmallProblem_HoldsEveryPartAndReachesNoLimitWithAGenerousBudget()
    {
        var data = SyntheticNegotiation.Create(issues: 4, positions: 9, seed: 2);
        var problem = NegotiationProblem.Create(data, [], null, false);
        var day = new DateOnly(2022, 1, 26);
        var report = NegotiationReport.Run(problem, new Dictionary<IssueId, int>(), day, limit: 50, new SolverLimit(30));

        Assert.Same(problem, report.Problem);
        Assert.Equal(day, report.StatusQuoDay);
        Assert.Equal(Completion.Complete, report.Enumeration.Completion);
        Assert.False(report.SolverLimitReached);
        Assert.Equal(problem.Parties.Count(), report.StatusQuo.Count);
        Assert.Equal(report.Feasibility.Feasible == false, report.Enumeration.Conflicts.Length > 0);
        Assert.True(report.Best.Package is null || report.Ranking is not null);

        // The same input gives the same answer: the solver's limit is deterministic.
        var again = NegotiationReport.Run(problem, new Dictionary<IssueId, int>(), day, limit: 50, new SolverLimit(30));
        Assert.Equal(report.Enumeration.Conflicts.Select(c => string.Join(",", c.Clauses.Select(k => k.Id))),
            again.Enumeration.Conflicts.Select(c => string.Join(",", c.Clauses.Select(k => k.Id))));
    }

    [Fact]
    public void Run_TinyBudget_SaysTheLimitWasReached()
    {
        var problem = NegotiationProblem.Create(Some.ShippedData, [], null, false);
        var report = NegotiationReport.Run(problem, new Dictionary<IssueId, int>(), new DateOnly(2022, 1, 26), limit: 5, new SolverLimit(0.0001));
        Assert.True(report.SolverLimitReached);
    }

    [Fact]
    public void Run_LimitBelowOne_IsRejected()
    {
        var problem = NegotiationProblem.Create(SyntheticNegotiation.Create(3, 4, 1), [], null, false);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            NegotiationReport.Run(problem, new Dictionary<IssueId, int>(), new DateOnly(2022, 1, 1), limit: 0, new SolverLimit(1)));
    }

    [Fact]
    public void StatusQuoDayOf_WithoutADate_IsTheLatestPositionsDate()
    {
        var data = Some.ShippedData;
        var latest = NegotiationProblem.Create(data, [], null, false);
        Assert.Equal(latest.Clauses.SelectMany(c => c.Positions).Max(p => p.Date), NegotiationReport.StatusQuoDayOf(latest));
        var dated = NegotiationProblem.Create(data, [], new DateOnly(2022, 1, 26), false);
        Assert.Equal(new DateOnly(2022, 1, 26), NegotiationReport.StatusQuoDayOf(dated));
    }

    [Fact]
    public void ChangesFromStatusQuo_KeepsOnlyIssuesSetOtherwiseOrLeftOpen()
    {
        var data = SyntheticNegotiation.Create(issues: 4, positions: 6, seed: 3);
        var problem = NegotiationProblem.Create(data, [], null, false);
        var ids = data.Issues.Select(i => i.Id).ToList();
        var statusQuo = new Dictionary<IssueId, int> { [ids[0]] = 0, [ids[1]] = 1 };
        var report = NegotiationReport.Run(problem, statusQuo, new DateOnly(2022, 1, 1), limit: 5, new SolverLimit(10));
        var changes = report.ChangesFromStatusQuo(new Dictionary<IssueId, int> { [ids[0]] = 0, [ids[1]] = 0, [ids[2]] = 1 });
        Assert.Equal([ids[1], ids[2]], changes.Keys.Order());
        Assert.Equal(0, changes[ids[1]]);
    }

    [Fact]
    public void History_OfALine_ComparesEachVersionWithTheOneBefore_AndAnUnknownIdHasNone()
    {
        var (versions, changes) = NegotiationReport.History(Some.ShippedData, "rus-enlargement", new SolverLimit(5));
        Assert.True(versions.Count >= 2);
        Assert.Equal(versions.Count - 1, changes.Count);
        Assert.Equal(versions.OrderBy(v => v.Date).Select(v => v.Id), versions.Select(v => v.Id));
        Assert.All(changes.Zip(versions.Skip(1)), x => Assert.Equal(x.Second.Id, x.First.Second.Id));

        var (none, noChanges) = NegotiationReport.History(Some.ShippedData, "no-such-line", new SolverLimit(5));
        Assert.Empty(none);
        Assert.Empty(noChanges);
    }
}
