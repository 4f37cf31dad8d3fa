using Detente.Core;

namespace Detente.Negotiation.Analysis;

/// <summary>
/// The questions an overview of a negotiation answers: which parties meet (all of them, and a pair within them), on which day,
/// the day on which linkage is compared on and off, and the position line whose history is traced.
/// </summary>
public sealed record OverviewQuestions(
    IReadOnlyList<PartyId> Parties, IReadOnlyList<PartyId> Pair, DateOnly Day, DateOnly LinkageDay, string HistoryLine);

/// <summary>The best package on a day with linkage on or off (a linked package of positions counting as one).</summary>
public sealed record LinkageOutcome(bool Linked, DateOnly Day, BestPackage Best);

/// <summary>One recorded change of a red line: how the new version relates to the one before.</summary>
public sealed record RedLineChange(PartyId Party, Comparison Step);

/// <summary>
/// An overview of where positions can and cannot meet, as <c>detente demo</c> shows it: the analysis of all the parties and of
/// a pair, the best package with linkage off and on, every recorded red-line change, one line's history, and the first
/// proposal's scores. Every solver question runs within a small deterministic limit, so the overview is the same on any machine.
/// </summary>
public sealed record NegotiationOverview(
    OverviewQuestions Questions,
    NegotiationReport All,
    NegotiationReport Pair,
    IReadOnlyList<LinkageOutcome> Linkage,
    IReadOnlyList<RedLineChange> RedLineChanges,
    IReadOnlyList<Position> History,
    IReadOnlyList<Comparison> HistorySteps,
    Proposal? Proposal,
    IReadOnlyList<PartyScore> ProposalScores)
{
    /// <summary>True when any question stopped at its solver limit: what it says there is undecided, not a finding.</summary>
    public bool SolverLimitReached =>
        All.SolverLimitReached || Pair.SolverLimitReached || Linkage.Any(l => !l.Best.Proven)
        || RedLineChanges.Any(c => c.Step.Strength == Strength.Unknown) || HistorySteps.Any(s => s.Strength == Strength.Unknown)
        || ProposalScores.Any(s => s.SolverLimitReached);

    /// <summary>Answers <paramref name="questions"/> over <paramref name="data"/>, the status quo being <paramref name="values"/>.</summary>
    public static NegotiationOverview Of(NegotiationData data, IReadOnlyDictionary<IssueId, int> values, OverviewQuestions questions)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(questions);
        var day = questions.Day;
        var all = NegotiationReport.Run(NegotiationProblem.Create(data, [.. questions.Parties], day, linkage: false), values, day, limit: 20, new SolverLimit(6));
        var pair = NegotiationReport.Run(NegotiationProblem.Create(data, [.. questions.Pair], day, linkage: true), values, day, limit: 5, new SolverLimit(3));
        var linkage = new[] { false, true }
            .Select(linked => new LinkageOutcome(linked, questions.LinkageDay,
                new NegotiationAnalyzer(NegotiationProblem.Create(data, [.. questions.Parties], questions.LinkageDay, linked)).Best(new SolverLimit(2))))
            .ToList();

        // Were the red lines "flexible"? Every recorded change of a red line, by how it relates to the version before.
        var changes = data.Positions.Where(p => p.Kind == PositionKind.RedLine).GroupBy(p => (p.Party, p.Line)).Where(g => g.Count() > 1)
            .SelectMany(g =>
            {
                var versions = g.OrderBy(p => p.Date).ToList();
                return versions.Zip(versions.Skip(1), (a, b) => new RedLineChange(g.Key.Party, NegotiationAnalyzer.Compare(data, a, b, new SolverLimit(2))));
            })
            .ToList();
        var (history, steps) = NegotiationReport.History(data, questions.HistoryLine, new SolverLimit(2));
        var proposal = data.Proposals.FirstOrDefault();
        var scores = proposal is null
            ? []
            : NegotiationAnalyzer.Score(NegotiationProblem.Create(data, [.. questions.Parties], day, linkage: false), proposal.Values, new SolverLimit(3));
        return new NegotiationOverview(questions, all, pair, linkage, changes, history, steps, proposal, scores);
    }
}
