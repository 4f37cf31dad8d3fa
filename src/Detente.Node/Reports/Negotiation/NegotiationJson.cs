using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;

namespace Detente.Node.Reports.Negotiation;

/// <summary>
/// The stable JSON of the negotiation answers (documented in docs/analysis.md): positions, comparisons, scores, packages and the
/// whole analysis. The CLI's <c>--json</c> and the server return it.
/// </summary>
public static class NegotiationJson
{
    /// <summary>An issue value as data writes it: a label for yes/no and levels, else the number.</summary>
    public static JsonNode Value(Issue issue, int value)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return issue.Domain.Labels.IsDefaultOrEmpty ? JsonValue.Create(value) : JsonValue.Create(issue.Domain.Describe(value));
    }

    /// <summary>Values for issues, by issue id.</summary>
    public static JsonObject Assignment(NegotiationData data, IReadOnlyDictionary<IssueId, int> values)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(values);
        var o = new JsonObject();
        foreach (var (id, v) in values.OrderBy(kv => kv.Key))
        {
            o[id.Value] = Value(data.IssuesById[id], v);
        }

        return o;
    }

    /// <summary>A source of a position or proposal, with the confidence it is cited at.</summary>
    public static JsonObject Source(CitedSource cited)
    {
        ArgumentNullException.ThrowIfNull(cited);
        var s = cited.Source;
        return new JsonObject
        {
            ["title"] = s.Title, ["publisher"] = s.Publisher, ["date"] = s.Date, ["url"] = s.Url,
            ["kind"] = Vocabulary.WordFor(s.Kind), ["reliability"] = s.Reliability?.ToString(), ["origin"] = s.Origin,
            ["confidence"] = NegotiationWords.Confidence(cited.Confidence),
        };
    }

    /// <summary>A position with its condition (as written and in words) and sources.</summary>
    public static JsonObject Position(NegotiationData data, Position p)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(p);
        return new JsonObject
        {
            ["id"] = p.Id.Value,
            ["party"] = p.Party.Code,
            ["kind"] = NegotiationWords.KindJson(p.Kind),
            ["weight"] = p.Kind == PositionKind.Demand ? p.Weight : null,
            ["title"] = p.Title,
            ["date"] = FactWriter.Day(p.Date),
            ["line"] = p.Line,
            ["condition"] = p.Condition.ToString(),
            ["in_words"] = p.Condition.Describe(data.IssuesById),
            ["confidence"] = NegotiationWords.Confidence(p.Confidence),
            ["note"] = p.Note,
            ["sources"] = new JsonArray([.. p.Sources.Select(s => (JsonNode)Source(s))]),
        };
    }

    /// <summary>Positions as an array.</summary>
    public static JsonArray Positions(NegotiationData data, IEnumerable<Position> positions) => [.. positions.Select(p => (JsonNode)Position(data, p))];

    /// <summary>A comparison of two positions with a package only each admits.</summary>
    public static JsonObject Comparison(NegotiationData data, Comparison c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new JsonObject
        {
            ["first"] = c.First.Id.Value,
            ["second"] = c.Second.Id.Value,
            ["second_is"] = NegotiationWords.Word(c.Strength),
            ["only_first_admits"] = c.OnlyFirst is null ? null : Assignment(data, c.OnlyFirst),
            ["only_second_admits"] = c.OnlySecond is null ? null : Assignment(data, c.OnlySecond),
            ["solver_limit_reached"] = c.Strength == Strength.Unknown,
        };
    }

    /// <summary>A history line: its versions and how each changed from the one before.</summary>
    public static JsonObject History(NegotiationData data, IReadOnlyList<Position> versions, IReadOnlyList<Comparison> changes)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(changes);
        return new JsonObject
        {
            ["line"] = versions[0].Line,
            ["versions"] = Positions(data, versions),
            ["changes"] = new JsonArray([.. changes.Select(s => (JsonNode)Comparison(data, s))]),
        };
    }

    /// <summary>The solver's settings and whether its limit was reached, for every answer that used it.</summary>
    public static JsonObject Solver(SolverLimit budget, bool limitReached) =>
        new()
        {
            ["deterministic_limit"] = budget.DeterministicTime,
            ["workers"] = SolverLimit.Workers,
            ["seed"] = SolverLimit.Seed,
            ["limit_reached"] = limitReached,
        };

    /// <summary>One party's score: red lines unmet, demand weight met, the fewest changes for its red lines, each position's standing.</summary>
    public static JsonObject Score(NegotiationData data, PartyScore s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new JsonObject
        {
            ["party"] = s.Party.Code,
            ["red_lines_unmet"] = new JsonArray([.. s.RedLinesUnmet.Select(p => (JsonNode)p.Id.Value)]),
            ["demand_weight_met"] = s.DemandWeightMet,
            ["demand_weight_total"] = s.DemandWeightTotal,
            ["changes_for_red_lines"] = s.ChangesForRedLines is { } c ? Assignment(data, c) : null,
            ["solver_limit_reached"] = s.SolverLimitReached,
            ["positions"] = new JsonArray([.. s.Standings.Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.Position.Id.Value,
                ["kind"] = NegotiationWords.KindJson(p.Position.Kind),
                ["standing"] = NegotiationWords.Word(p.Standing),
            })]),
        };
    }

    /// <summary>A proposal scored against each party's positions in force on <paramref name="at"/>.</summary>
    public static JsonObject Proposal(NegotiationData data, Proposal proposal, DateOnly at, IReadOnlyList<PartyScore> scores, SolverLimit budget)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(scores);
        return new JsonObject
        {
            ["proposal"] = proposal.Id,
            ["at"] = FactWriter.Day(at),
            ["values"] = Assignment(data, proposal.Values),
            ["sources"] = new JsonArray([.. proposal.Sources.Select(x => (JsonNode)Source(x))]),
            ["parties"] = new JsonArray([.. scores.Select(s => (JsonNode)Score(data, s))]),
            ["solver"] = Solver(budget, scores.Any(s => s.SolverLimitReached)),
        };
    }

    /// <summary>The whole analysis: feasibility with witnesses, minimal conflicts, the search, packages, ranking, red-line alternatives, status quo.</summary>
    public static JsonObject Analysis(NegotiationReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var data = r.Problem.Data;
        var packages = new JsonArray();
        if (r.Best.Package is { } best)
        {
            packages.Add(Package(data, best, isBest: true, proven: r.Best.Proven, measured: r.StatusQuoValues.Count));
        }

        foreach (var p in r.Enumeration.Packages)
        {
            packages.Add(Package(data, p, isBest: false, proven: null));
        }

        return new JsonObject
        {
            ["parties"] = FactWriter.Codes(r.Problem.Parties),
            ["at"] = r.Problem.At is { } at ? FactWriter.Day(at) : null,
            ["linkage"] = r.Problem.Linkage,
            ["feasible"] = r.Feasibility.Feasible,
            ["witness"] = r.Feasibility.Witness is { } w ? Assignment(data, w) : null,
            ["red_lines_feasible"] = r.Feasibility.RedLinesFeasible,
            ["red_line_witness"] = r.Feasibility.RedLineWitness is { } rw ? Assignment(data, rw) : null,
            ["conflicts"] = new JsonArray([.. r.Enumeration.Conflicts.Select(c => (JsonNode)new JsonObject
            {
                ["positions"] = new JsonArray([.. c.Clauses.SelectMany(k => k.Positions).Select(p => (JsonNode)p.Id.Value)]),
                ["clauses"] = new JsonArray([.. c.Clauses.Select(k => (JsonNode)k.Id)]),
                ["parties"] = FactWriter.Codes(c.Clauses.Select(k => k.Party).Distinct()),
                ["red_lines_only"] = c.Clauses.All(k => k.Kind == PositionKind.RedLine),
                ["shared_issues"] = new JsonArray([.. c.SharedIssues.Select(i => (JsonNode)i.Value)]),
                ["explanation"] = c.Explanation,
            })]),
            ["search"] = new JsonObject
            {
                ["completion"] = NegotiationWords.Word(r.Enumeration.Completion),
                ["solver_calls"] = r.Enumeration.SolverCalls,
                ["deterministic_time"] = Math.Round(r.Enumeration.DeterministicTime, 6),
                ["elapsed_ms"] = Math.Round(r.Enumeration.Elapsed.TotalMilliseconds, 1),
            },
            ["solver"] = Solver(r.Budget, r.SolverLimitReached),
            ["packages"] = packages,
            ["ranking"] = r.Ranking is { } ranking ? Ranking(data, ranking, r.Enumeration.Completion) : null,
            ["red_line_alternatives"] = new JsonArray([.. r.RedLineAlternatives.Packages.Select(p => (JsonNode)Package(data, p, isBest: false, proven: null))]),
            ["status_quo"] = new JsonObject
            {
                ["at"] = FactWriter.Day(r.StatusQuoDay),
                ["basis"] = "measured",
                ["open_issues"] = new JsonArray([.. data.Issues.Where(i => !r.StatusQuoValues.ContainsKey(i.Id)).Select(i => (JsonNode)i.Id.Value)]),
                ["parties"] = new JsonArray([.. r.StatusQuo.Select(s => (JsonNode)Score(data, s))]),
            },
        };
    }

    /// <summary>The best package's ranking: ties, the runner-up, what decided it, its sensitivity to the weights, weakly sourced weights.</summary>
    public static JsonObject Ranking(NegotiationData data, PackageRanking k, Completion completion)
    {
        ArgumentNullException.ThrowIfNull(k);
        return new JsonObject
        {
            ["candidates"] = k.Candidates,
            ["search_complete"] = completion == Completion.Complete,
            ["tied"] = new JsonArray([.. k.Tied.Skip(1).Select(p => (JsonNode)Package(data, p, isBest: false, proven: null))]),
            ["runner_up"] = k.RunnerUp is { } ru ? Package(data, ru, isBest: false, proven: null) : null,
            ["decided_by"] = k.RunnerUp is null ? null : k.DecidedByRedLines ? "red-lines" : "weights",
            ["deciding_demands"] = new JsonArray([.. k.Deciding.Select(c =>
            {
                var o = Clause(c);
                o["kept_by_best"] = k.Tied[0].Kept.Contains(c);
                return (JsonNode)o;
            })]),
            ["sensitivity"] = new JsonObject
            {
                ["variation"] = k.Variation,
                ["stable"] = k.Stable,
                ["changes"] = new JsonArray([.. k.Sensitivity.Select(x =>
                {
                    var o = Clause(x.Clause);
                    o["at_low"] = x.ChangesAtLow;
                    o["at_high"] = x.ChangesAtHigh;
                    return (JsonNode)o;
                })]),
            },
            ["weakly_sourced_weights"] = new JsonArray([.. k.WeaklySourced.Select(c => (JsonNode)Clause(c))]),
        };
    }

    private static JsonObject Clause(Clause c) => new()
    {
        ["clause"] = c.Id, ["party"] = c.Party.Code, ["kind"] = NegotiationWords.KindJson(c.Kind), ["weight"] = c.Weight,
    };

    private static JsonObject Package(NegotiationData data, Package p, bool isBest, bool? proven, int measured = 0) => new()
    {
        ["best"] = isBest,
        ["proven_optimal"] = proven,
        ["chosen_by"] = isBest ? BestPackage.TieBreak(measured) : null,
        ["weight"] = p.Weight,
        ["witness"] = Assignment(data, p.Witness),
        ["by_party"] = new JsonArray([.. p.ByParty().Select(x => (JsonNode)new JsonObject
        {
            ["party"] = x.Party.Code,
            ["kept"] = new JsonArray([.. x.Kept.Select(c => (JsonNode)c.Id)]),
            ["dropped"] = new JsonArray([.. x.Dropped.Select(c => (JsonNode)c.Id)]),
            ["red_lines_crossed"] = new JsonArray([.. x.Dropped.Where(c => c.Kind == PositionKind.RedLine).Select(c => (JsonNode)c.Id)]),
        })]),
    };
}
