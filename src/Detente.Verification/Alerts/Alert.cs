using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Runtime;
using Detente.Verification.Observations;

namespace Detente.Verification.Alerts;

/// <summary>What an alert says.</summary>
public enum AlertKind
{
    /// <summary>Observed forces above a threshold with no matching notice.</summary>
    UnnotifiedBuildUp,

    /// <summary>A declared figure below a threshold that observations put above it.</summary>
    ContradictedDeclaration,

    /// <summary>A weekly series rising across weeks that has crossed a threshold, is rising above one, or is projected to reach one within the notice period.</summary>
    RisingTrend,

    /// <summary>Forces on the party's own territory above the concentration threshold that no activity explains (undetermined under Chapter V).</summary>
    OwnTerritoryBuildUp,
}

/// <summary>On what footing observed forces are measured against the Vienna Document's thresholds (the same rule for every party).</summary>
public enum AlertBasis
{
    /// <summary>A recorded activity of the party there overlaps the window: prior notification (para 40.1.1) and observation (para 47.4).</summary>
    Activity,

    /// <summary>
    /// No activity, and the place is another state's territory: forces beyond what the party declared or permanently stations there
    /// arrived there, which para 40.3 makes notifiable like an activity; observation (para 47.4) applies to them too.
    /// </summary>
    Arrival,

    /// <summary>
    /// No activity, and the place is (or includes) the party's own territory: forces in their peacetime locations are no notifiable
    /// activity, and a count does not show whether they were transferred to be concentrated (para 40.3), so findings are undetermined.
    /// </summary>
    OwnTerritory,
}

/// <summary>
/// One alert: a party's observed forces in a place against a threshold of an agreement, with the declaration it contradicts
/// (if any), the clause it concerns, the finding it becomes, and its evidence (observations, log indices, sources).
/// </summary>
/// <param name="Kind">What the alert says.</param>
/// <param name="At">The date of evaluation.</param>
/// <param name="Match">The observed forces and what they were matched to.</param>
/// <param name="Threshold">The threshold crossed, with its parameter and clause.</param>
/// <param name="Declared">The declaration contradicted (for <see cref="AlertKind.ContradictedDeclaration"/>).</param>
/// <param name="Status"><see cref="FindingStatus.Disputed"/>, <see cref="FindingStatus.Violated"/> or <see cref="FindingStatus.Undetermined"/> (see <see cref="AlertEngine"/> for which).</param>
/// <param name="Explanation">A plain-language explanation.</param>
/// <param name="Series">For a trend: the weekly points considered.</param>
/// <param name="Trend">For a trend: crossed, rising-above or projected.</param>
public sealed record Alert(
    AlertKind Kind,
    DateOnly At,
    ForceMatch Match,
    Threshold Threshold,
    Declaration? Declared,
    FindingStatus Status,
    string Explanation,
    ImmutableArray<WeekPoint> Series,
    string? Trend)
{
    /// <summary>The wire name of the kind: unnotified-build-up, contradicted-declaration, own-territory-build-up or rising-trend.</summary>
    public string KindName => Kind switch
    {
        AlertKind.UnnotifiedBuildUp => "unnotified-build-up",
        AlertKind.ContradictedDeclaration => "contradicted-declaration",
        AlertKind.OwnTerritoryBuildUp => "own-territory-build-up",
        _ => "rising-trend",
    };

    /// <summary>What the observed figures count: state-wide, a named part of the place, or local sightings.</summary>
    public EstimateScope Scope { get; init; } = EstimateScope.State;

    /// <summary>The footing on which the threshold was applied.</summary>
    public AlertBasis Basis { get; init; } = AlertBasis.Activity;

    /// <summary>The wire name of the footing: activity, arrival or own-territory.</summary>
    public string BasisName => Basis switch
    {
        AlertBasis.Activity => "activity",
        AlertBasis.Arrival => "arrival",
        _ => "own-territory",
    };

    /// <summary>Whose forces.</summary>
    public string Party => Match.Observed.Party;

    /// <summary>Where.</summary>
    public string Where => Match.Observed.Place;

    /// <summary>Every source cited: the observations' and the declaration's, distinct.</summary>
    public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>The observations behind the alert: fact id and log index (null when read from data files).</summary>
    public ImmutableArray<(string Fact, long? RecordIndex)> Evidence { get; init; } = [];

    /// <summary>The alert as a finding of its clause, for the party, about the observed forces.</summary>
    public Finding ToFinding()
    {
        var items = Evidence.Select(e => new EvidenceItem(e.RecordIndex is { } i ? $"observation {e.Fact} (log {i})" : $"observation {e.Fact}", "observed", Sources)
        {
            FactId = new FactId(e.Fact),
            FactKind = Core.FactKind.Observation,
            RecordIndex = e.RecordIndex,
        }).ToList();
        if (Declared is { } d)
        {
            items.Add(new EvidenceItem($"{d.Kind} {d.Fact}" + (d.RecordIndex is { } i ? $" (log {i})" : ""), "declared", d.Sources)
            {
                FactId = new FactId(d.Fact),
                FactKind = Core.FactKinds.TryParse(d.Kind, out var kind) ? kind : null,
                RecordIndex = d.RecordIndex,
            });
        }

        return new Finding(Threshold.Clause, new PartyId(Party),
            new Subject("observed-forces", $"{Party}@{Where}{Scope.SubjectSuffix}" + (Kind == AlertKind.RisingTrend ? "/trend" : ""), Party,
                Where.Contains('+') ? null : Where),
            Status, Explanation, [.. items]);
    }
}
