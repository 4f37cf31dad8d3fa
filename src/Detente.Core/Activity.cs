using System.Collections.Immutable;

namespace Detente.Core;

/// <summary>What kind of activity an activity is.</summary>
public enum ActivityKind
{
    /// <summary>A military exercise.</summary>
    Exercise,

    /// <summary>An exercise that moves forces into an area.</summary>
    DeploymentExercise,

    /// <summary>A short-notice readiness inspection.</summary>
    SnapInspection,

    /// <summary>Any other military activity.</summary>
    Other,
}

/// <summary>A count of equipment taking part in an activity.</summary>
/// <param name="Unit">What is counted.</param>
/// <param name="Quantity">How many.</param>
/// <param name="System">The system, if one type is meant.</param>
public sealed record EquipmentCount(ForceUnit Unit, Quantity Quantity, SystemId? System = null);

/// <summary>A military exercise or other activity.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">What kind.</param>
/// <param name="Participants">Whose forces take part.</param>
/// <param name="Hosts">On whose territory.</param>
/// <param name="Period">From the first to the last day, inclusive.</param>
/// <param name="Area">Where, in words.</param>
/// <param name="Sites">Sites used.</param>
/// <param name="Troops">Personnel, with every claim.</param>
/// <param name="Equipment">Equipment counts.</param>
/// <param name="Evidence">Sources and confidence.</param>
/// <param name="Note">Context.</param>
public sealed record Activity(
    FactId Id,
    string Name,
    ActivityKind Kind,
    ImmutableArray<PartyId> Participants,
    ImmutableArray<PartyId> Hosts,
    Period Period,
    string? Area,
    ImmutableArray<SiteId> Sites,
    Quantity? Troops,
    ImmutableArray<EquipmentCount> Equipment,
    Evidence Evidence,
    string? Note = null) : IFact
{
    FactKind IFact.Kind => FactKind.Activity;

    Provenance? IFact.Provenance => null;
}
