using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Negotiation.Analysis;

/// <summary>Whether a question was settled, or the solver's work limit was reached first.</summary>
public enum Completion
{
    /// <summary>Answered in full.</summary>
    Complete,

    /// <summary>The solver's deterministic work limit was reached; what was found so far is reported, nothing more is claimed.</summary>
    SolverLimitReached,

    /// <summary>The requested number of results was reached; there may be more.</summary>
    LimitReached,
}

/// <summary>Whether all the clauses can hold together, with a package of issue values showing it.</summary>
/// <param name="Feasible">True when they can; null when the solver's limit was reached first.</param>
/// <param name="Witness">A value for every issue under which every clause holds, when feasible.</param>
/// <param name="RedLinesFeasible">Whether the red lines alone can hold together; null when the limit was reached first.</param>
/// <param name="RedLineWitness">A package for the red lines alone, when they can.</param>
public sealed record Feasibility(
    bool? Feasible,
    ImmutableSortedDictionary<IssueId, int>? Witness,
    bool? RedLinesFeasible,
    ImmutableSortedDictionary<IssueId, int>? RedLineWitness);

/// <summary>A minimal set of clauses that cannot all hold together: dropping any one of them makes the rest compatible.</summary>
/// <param name="Clauses">The clauses.</param>
/// <param name="SharedIssues">Issues that two or more of them constrain: where they meet.</param>
/// <param name="Explanation">The conflict in words.</param>
public sealed record Conflict(ImmutableArray<Clause> Clauses, ImmutableArray<IssueId> SharedIssues, string Explanation);

/// <summary>A maximal set of clauses that can hold together: adding any other clause makes it impossible.</summary>
/// <param name="Kept">The clauses that hold.</param>
/// <param name="Dropped">The clauses that do not (a minimal correction set).</param>
/// <param name="Witness">Issue values under which the kept clauses hold.</param>
/// <param name="Weight">The sum of the kept clauses' weights.</param>
public sealed record Package(
    ImmutableArray<Clause> Kept, ImmutableArray<Clause> Dropped, ImmutableSortedDictionary<IssueId, int> Witness, int Weight)
{
    /// <summary>Per party: its kept and dropped clauses.</summary>
    public IEnumerable<(PartyId Party, ImmutableArray<Clause> Kept, ImmutableArray<Clause> Dropped)> ByParty() =>
        Kept.Concat(Dropped).Select(c => c.Party).Distinct().Select(p =>
            (p, Kept.Where(c => c.Party == p).ToImmutableArray(), Dropped.Where(c => c.Party == p).ToImmutableArray()));
}

/// <summary>The result of enumerating conflicts and packages.</summary>
/// <param name="Conflicts">Minimal conflict sets found, in the order found.</param>
/// <param name="Packages">Maximal packages found on the way.</param>
/// <param name="Completion">Whether the enumeration finished, reached the number asked for or the solver's limit.</param>
/// <param name="SolverCalls">How many solver calls it made.</param>
/// <param name="DeterministicTime">The CP-SAT deterministic time it spent (the same on any machine).</param>
/// <param name="Elapsed">How long it took on this machine (for information; no answer depends on it).</param>
public sealed record Enumeration(
    ImmutableArray<Conflict> Conflicts,
    ImmutableArray<Package> Packages,
    Completion Completion,
    int SolverCalls,
    double DeterministicTime,
    TimeSpan Elapsed);

/// <summary>The best package by weight: first as few red lines crossed as possible, then as much demand weight as possible.</summary>
/// <param name="Package">The package, or null when none was found before the solver's limit.</param>
/// <param name="Proven">True when the solver proved it optimal; false when its limit was reached first.</param>
public sealed record BestPackage(Package? Package, bool Proven)
{
    /// <summary>
    /// How the best package is chosen among equally good ones, in words for every output that shows it.
    /// <paramref name="measuredIssues"/> is how many issues have a status-quo value (the reference the analyzer keeps values of).
    /// </summary>
    public static string TieBreak(int measuredIssues) =>
        "fewest red lines crossed; then the most demand weight, each party's demands counting equally; "
        + (measuredIssues > 0 ? $"then the most of the {measuredIssues} measured issues left at their status-quo value; " : "")
        + "a tie left after that is settled by the solver's search order, so another package may be just as good";
}

/// <summary>How one red line (or any position) relates to another version.</summary>
public enum Strength
{
    /// <summary>They admit exactly the same packages.</summary>
    Equivalent,

    /// <summary>The second admits every package the first does, and more.</summary>
    Weaker,

    /// <summary>The second admits only packages the first does, and fewer.</summary>
    Stronger,

    /// <summary>Each admits a package the other rejects.</summary>
    Incomparable,

    /// <summary>The solver's limit was reached before it decided.</summary>
    Unknown,
}

/// <summary>The comparison of two positions, with packages that separate them.</summary>
/// <param name="First">The first (usually earlier) position.</param>
/// <param name="Second">The second (usually later) position.</param>
/// <param name="Strength">How the second relates to the first.</param>
/// <param name="OnlyFirst">A package the first admits and the second rejects, if any.</param>
/// <param name="OnlySecond">A package the second admits and the first rejects, if any.</param>
/// <param name="Issues">The issues either mentions; the packages are shown on these.</param>
public sealed record Comparison(
    Position First,
    Position Second,
    Strength Strength,
    ImmutableSortedDictionary<IssueId, int>? OnlyFirst,
    ImmutableSortedDictionary<IssueId, int>? OnlySecond,
    ImmutableArray<IssueId> Issues);

/// <summary>Whether a position holds under a partial assignment of issues.</summary>
public enum Standing
{
    /// <summary>It holds whatever the open issues become.</summary>
    Met,

    /// <summary>It fails whatever the open issues become.</summary>
    Unmet,

    /// <summary>It depends on issues the assignment leaves open.</summary>
    Open,

    /// <summary>The solver's limit was reached before it decided (not a finding).</summary>
    Undecided,
}

/// <summary>One position's standing under a proposal or the status quo.</summary>
/// <param name="Position">The position.</param>
/// <param name="Standing">Met, unmet or open.</param>
public sealed record PositionStanding(Position Position, Standing Standing);

/// <summary>A party's view of a proposal or of the status quo.</summary>
/// <param name="Party">The party.</param>
/// <param name="Standings">Its positions in force and how each fares.</param>
/// <param name="DemandWeightMet">The weight of its demands that are met.</param>
/// <param name="DemandWeightTotal">The weight of all its demands.</param>
/// <param name="ChangesForRedLines">
/// The fewest issues that would have to change from the assignment for all its red lines to hold (null when not computed
/// or when its red lines cannot hold at all), with one such set of changes.
/// </param>
/// <param name="SolverLimitReached">
/// True when the solver's limit was reached before a standing was decided or before the changes were proven fewest (or found).
/// </param>
public sealed record PartyScore(
    PartyId Party,
    ImmutableArray<PositionStanding> Standings,
    int DemandWeightMet,
    int DemandWeightTotal,
    ImmutableSortedDictionary<IssueId, int>? ChangesForRedLines,
    bool SolverLimitReached)
{
    /// <summary>Red lines that fail.</summary>
    public IEnumerable<Position> RedLinesUnmet =>
        Standings.Where(s => s.Position.Kind == PositionKind.RedLine && s.Standing == Standing.Unmet).Select(s => s.Position);
}
