namespace Detente.Negotiation.Analysis;

/// <summary>
/// Everything one analysis of a negotiation found: feasibility with a witness package, minimal conflicts and maximal packages,
/// the best package and how certain it is, the maximal sets of red lines that can hold together, and each party's distance
/// from the status quo of <see cref="StatusQuoDay"/>.
/// </summary>
public sealed record NegotiationReport(
    NegotiationProblem Problem,
    Feasibility Feasibility,
    Enumeration Enumeration,
    BestPackage Best,
    IReadOnlyList<PartyScore> StatusQuo,
    DateOnly StatusQuoDay,
    IReadOnlyDictionary<IssueId, int> StatusQuoValues,
    Enumeration RedLineAlternatives,
    SolverLimit Budget)
{
    /// <summary>True when any part stopped at the solver's limit: what it says there is undecided, not a finding.</summary>
    public bool SolverLimitReached =>
        Feasibility.Feasible is null
        || (Feasibility.Feasible == false && Feasibility.RedLinesFeasible is null)
        || Enumeration.Completion == Completion.SolverLimitReached
        || RedLineAlternatives.Completion == Completion.SolverLimitReached
        || !Best.Proven
        || StatusQuo.Any(s => s.SolverLimitReached);

    /// <summary>How certain the best package is among the packages found: ties, deciding weights, ±50% sensitivity.</summary>
    public PackageRanking? Ranking { get; init; }

    /// <summary>The day whose world gives the status quo: the analysis date, else the latest position's date (today without positions).</summary>
    public static DateOnly StatusQuoDayOf(NegotiationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.At ?? problem.Clauses.SelectMany(c => c.Positions).Select(p => p.Date)
            .DefaultIfEmpty(DateOnly.FromDateTime(DateTime.UtcNow)).Max();
    }

    /// <summary>
    /// Runs every part of the analysis within <paramref name="budget"/>: a tenth for feasibility, half for enumeration (up to
    /// <paramref name="limit"/> conflicts), the rest for the best package, the red-line alternatives and the distances.
    /// <paramref name="values"/> is the status quo measured in the world of <paramref name="day"/>.
    /// </summary>
    public static NegotiationReport Run(
        NegotiationProblem problem, IReadOnlyDictionary<IssueId, int> values, DateOnly day, int limit, SolverLimit budget)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        // Witness packages stay as close to the status quo as they can, so they read as changes to the world of the day.
        var analyzer = new NegotiationAnalyzer(problem, values);
        var feasibility = analyzer.Feasibility(budget / 10);
        var enumeration = analyzer.Enumerate(limit, budget / 2);
        var best = analyzer.Best(budget / 10);

        // Which red lines a best package crosses depends on how many parties hold each; the maximal sets of red lines that
        // can hold together show every alternative side by side, so no side's crossing is presented as the answer.
        var redLines = NegotiationProblem.FromClauses(problem.Data, [.. problem.Clauses.Where(c => c.Kind == PositionKind.RedLine)]);
        var alternatives = new NegotiationAnalyzer(redLines, values).Enumerate(limit, budget / 10);
        var statusQuo = NegotiationAnalyzer.Score(problem, values, budget / 5);
        var ranking = best.Package is { } b ? PackageRanking.Of(problem, b, enumeration.Packages) : null;
        return new NegotiationReport(problem, feasibility, enumeration, best, statusQuo, day, values, alternatives, budget) { Ranking = ranking };
    }

    /// <summary>The issues a package sets to another value than the status quo (issues the status quo leaves open count as changed).</summary>
    public IReadOnlyDictionary<IssueId, int> ChangesFromStatusQuo(IReadOnlyDictionary<IssueId, int> package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return package.Where(kv => !StatusQuoValues.TryGetValue(kv.Key, out var v) || v != kv.Value).ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    /// <summary>
    /// The history of a position line (or of the line of a version id): its versions, oldest first, and each version compared
    /// with the one before, the comparison bounded by <paramref name="budget"/>. Empty when no line or version has that id.
    /// </summary>
    public static (IReadOnlyList<Position> Versions, IReadOnlyList<Comparison> Changes) History(NegotiationData data, string lineOrId, SolverLimit budget)
    {
        ArgumentNullException.ThrowIfNull(data);
        var versions = data.History(lineOrId);
        var changes = versions.Zip(versions.Skip(1), (a, b) => NegotiationAnalyzer.Compare(data, a, b, budget)).ToList();
        return (versions, changes);
    }
}
