using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Negotiation;

/// <summary>Whether a position must hold for its party (a red line) or is wanted with a weight (a demand).</summary>
public enum PositionKind
{
    /// <summary>Must hold: the party says it cannot accept an agreement without it.</summary>
    RedLine,

    /// <summary>Wanted, with a weight; can be traded.</summary>
    Demand,
}

/// <summary>
/// A party's stance on issues, dated and sourced. Positions in one <see cref="Line"/> are successive versions of the same
/// stance (its history); the latest version dated on or before a day is the one in force that day.
/// </summary>
/// <param name="Id">The position's id.</param>
/// <param name="Party">Whose position it is.</param>
/// <param name="Kind">Red line or demand.</param>
/// <param name="Weight">A demand's weight (1..100); 0 for red lines, which are not traded.</param>
/// <param name="Title">A short neutral summary.</param>
/// <param name="Condition">What must hold for the position to be met.</param>
/// <param name="Date">When it was stated.</param>
/// <param name="Line">The history it belongs to; its own id when it has no earlier or later versions.</param>
/// <param name="Sources">Where it was stated or reported.</param>
/// <param name="Note">What could not be confirmed, or how the text was read, if anything.</param>
/// <param name="Location">Where the position is defined.</param>
public sealed record Position(
    PositionId Id,
    PartyId Party,
    PositionKind Kind,
    int Weight,
    string Title,
    Condition Condition,
    DateOnly Date,
    string Line,
    ImmutableArray<CitedSource> Sources,
    string? Note,
    SourceLocation Location)
{
    /// <summary>The lowest confidence among the sources.</summary>
    public Confidence Confidence => Sources.IsDefaultOrEmpty ? Confidence.Uncertain : Sources.Max(s => s.Confidence);
}

/// <summary>A set of one party's demands (or other linkages) that stands or falls together when linkage is on.</summary>
/// <param name="Id">The linkage's id.</param>
/// <param name="Party">Whose linkage it is.</param>
/// <param name="Title">A short summary.</param>
/// <param name="Members">Positions or other linkages.</param>
/// <param name="Date">When it was stated.</param>
/// <param name="Sources">Where it was stated.</param>
/// <param name="Location">Where it is defined.</param>
public sealed record Linkage(
    PositionId Id,
    PartyId Party,
    string Title,
    ImmutableArray<PositionId> Members,
    DateOnly Date,
    ImmutableArray<CitedSource> Sources,
    SourceLocation Location);

/// <summary>A concrete proposal: values for some or all issues, to score against each party's positions.</summary>
/// <param name="Id">The proposal's id.</param>
/// <param name="Title">A short name.</param>
/// <param name="Party">Who proposed it.</param>
/// <param name="Date">When.</param>
/// <param name="Values">The proposed value per issue; issues not named are left open.</param>
/// <param name="Sources">Where it is documented.</param>
/// <param name="Note">How the text was read into values.</param>
public sealed record Proposal(
    string Id,
    string Title,
    PartyId Party,
    DateOnly Date,
    ImmutableDictionary<IssueId, int> Values,
    ImmutableArray<CitedSource> Sources,
    string? Note);
