using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Negotiation.Analysis;

/// <summary>Generated negotiation instances of a given size, for benchmarks and tests; the same seed gives the same instance.</summary>
public static class SyntheticNegotiation
{
    /// <summary>
    /// <paramref name="issues"/> issues (a third yes/no, the rest 0..10) and <paramref name="positions"/> positions spread over
    /// four parties, a fifth of them red lines; each position constrains one to three issues, with an occasional implication.
    /// </summary>
    public static NegotiationData Create(int issues, int positions, int seed)
    {
        var random = new Random(seed);
        var source = new CitedSource(
            new Source(new SourceId("generated"), "generated", "Detente", "2022-01-01", null, SourceKind.Synthetic) { Reliability = 'F', Origin = "independent" },
            Confidence.Uncertain);
        var here = new SourceLocation("generated", 0, 0);
        var issueList = Enumerable.Range(0, issues).Select(i => new Issue(
            new IssueId($"i{i}"), $"issue {i}", i % 3 == 0 ? IssueDomain.YesNo : IssueDomain.Range(0, 10, 1, [])!, null, null, "generated",
            [new StatusQuoValue(new DateOnly(2021, 1, 1), 0, "generated", [source])], here)
            {
                Unmeasured = "generated",
            }).ToImmutableArray();
        string[] parties = ["AAA", "BBB", "CCC", "DDD"];
        var list = ImmutableArray.CreateBuilder<Position>();
        for (var p = 0; p < positions; p++)
        {
            var party = new PartyId(parties[p % parties.Length]);
            var red = random.Next(5) == 0;
            var parts = Enumerable.Range(0, 1 + random.Next(3))
                .Select(_ => Atom(issueList[random.Next(issues)], random)).ToImmutableArray();
            Condition condition = parts.Length == 1 ? parts[0]
                : random.Next(4) == 0 ? new Implies(parts[0], new All(parts[1..]))
                : new All(parts);
            list.Add(new Position(
                new PositionId($"p{p}"), party, red ? PositionKind.RedLine : PositionKind.Demand, red ? 0 : 1 + random.Next(10),
                $"position {p}", condition, new DateOnly(2022, 1, 1), $"p{p}", [source], null, here));
        }

        return new NegotiationData(new Dictionary<string, CitedSource> { ["generated"] = source }, issueList, [], list.ToImmutable(), [], []);
    }

    private static Condition Atom(Issue issue, Random random)
    {
        if (issue.Domain.IsYesNo)
        {
            return new Compare(issue.Id, CompareOp.Eq, random.Next(2));
        }

        var ops = new[] { CompareOp.Le, CompareOp.Ge, CompareOp.Eq, CompareOp.Ne };
        return new Compare(issue.Id, ops[random.Next(ops.Length)], random.Next(11));
    }
}
