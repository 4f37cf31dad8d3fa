using Detente.Core;
using System.Collections.Immutable;

namespace Detente.Negotiation.Analysis;

/// <summary>Checks that no party's own red lines in force on any one day contradict each other.</summary>
internal static class Consistency
{
    // Far above what a data set's small questions need; deterministic, so a data set loads or fails the same everywhere.
    private static readonly SolverLimit CheckLimit = new(10);

    public static void Check(NegotiationData data)
    {
        // A position no package can meet is a mistake in the data, whoever holds it.
        var each = new ClauseModel(data, data.Positions.Select(p => p.Condition));
        for (var i = 0; i < data.Positions.Length; i++)
        {
            if (each.Check([each.Literals[i]], CheckLimit.DeterministicTime).Verdict == Verdict.Unsat)
            {
                var p = data.Positions[i];
                throw new InputException(p.Location, null,
                    $"position '{p.Id}' can never hold: no values of its issues meet '{p.Condition.Describe(data.IssuesById)}'");
            }
        }

        if (data.Links.Length > 0)
        {
            var links = new ClauseModel(data, []);
            if (links.Check([], CheckLimit.DeterministicTime).Verdict == Verdict.Unsat)
            {
                throw new InputException(data.Links[^1].Location, null,
                    "the links between issues contradict each other: no package satisfies them all");
            }
        }

        foreach (var party in data.Parties)
        {
            var days = data.Positions.Where(p => p.Party == party && p.Kind == PositionKind.RedLine).Select(p => p.Date).Distinct().Order();
            foreach (var day in days)
            {
                var problem = NegotiationProblem.Create(data, [party], day, linkage: false);
                var redLines = problem.Clauses.Where(c => c.Kind == PositionKind.RedLine).ToImmutableArray();
                if (redLines.Length == 0)
                {
                    continue;
                }

                var analyzer = new NegotiationAnalyzer(NegotiationProblem.FromClauses(data, redLines));
                var conflict = analyzer.FirstConflict(CheckLimit, out _);
                if (conflict is not null)
                {
                    var first = conflict.Clauses.SelectMany(c => c.Positions).MaxBy(p => p.Date)!;
                    throw new InputException(first.Location, null,
                        $"the red lines of {party} in force on {day:yyyy-MM-dd} contradict each other: " +
                        $"{string.Join(", ", conflict.Clauses.Select(c => c.Id))} cannot all hold (a minimal core). "
                            + conflict.Explanation);
                }
            }
        }
    }
}
