using Detente.Negotiation;
using Detente.Negotiation.Analysis;

namespace Detente.Negotiation.Tests.Analysis;

/// <summary>The enumeration against brute force on small generated instances.</summary>
public sealed class SyntheticAnalysisTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Enumerate_FindsExactlyTheMinimalConflictsBruteForceFinds(int seed)
    {
        var data = SyntheticNegotiation.Create(issues: 4, positions: 9, seed: seed);
        var problem = NegotiationProblem.Create(data, [], null, false);
        var result = new NegotiationAnalyzer(problem).Enumerate(1000, new SolverLimit(30));
        Assert.Equal(Completion.Complete, result.Completion);

        // Brute force: every subset over every assignment of the 4 issues.
        var issues = data.Issues;
        var assignments = new List<Dictionary<IssueId, int>> { new() };
        foreach (var issue in issues)
        {
            assignments =
            [
                .. assignments.SelectMany(a => issue.Domain.Values.Select(v => new Dictionary<IssueId, int>(a) { [issue.Id] = v })),
            ];
        }

        var n = problem.Clauses.Length;
        var holds = assignments.Select(a => problem.Clauses.Select(c => c.Condition.Holds(a)).ToArray()).ToList();
        bool Sat(int mask) => holds.Any(h => Enumerable.Range(0, n).All(i => (mask & (1 << i)) == 0 || h[i]));
        var muses = new HashSet<int>();
        for (var mask = 1; mask < 1 << n; mask++)
        {
            if (!Sat(mask) && Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).All(i => Sat(mask & ~(1 << i))))
            {
                muses.Add(mask);
            }
        }

        var found = result.Conflicts.Select(c => c.Clauses.Aggregate(0, (m, k) => m | (1 << problem.Clauses.IndexOf(k)))).ToHashSet();
        Assert.Equal(muses.Order(), found.Order());
    }
}
