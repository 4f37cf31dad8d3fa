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
/// <param name="Status"><see cref="FindingStatus.Disputed"/> or <see cref="FindingStatus.Violated"/> (see <see cref="AlertEngine"/> for which).</param>
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
    /// <summary>The wire name of the kind: unnotified-build-up, contradicted-declaration or rising-trend.</summary>
    public string KindName => Kind switch
    {
        AlertKind.UnnotifiedBuildUp => "unnotified-build-up",
        AlertKind.ContradictedDeclaration => "contradicted-declaration",
        _ => "rising-trend",
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

        return new Finding(Threshold.Clause, new PartyId(Party), new Subject("observed-forces", $"{Party}@{Where}" + (Kind == AlertKind.RisingTrend ? "/trend" : ""), Party, Where.Contains('+') ? null : Where),
            Status, Explanation, [.. items]);
    }
}
