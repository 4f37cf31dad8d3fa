namespace Detente.Core;

/// <summary>What a site is.</summary>
public enum SiteKind
{
    /// <summary>An air base.</summary>
    AirBase,

    /// <summary>An army base or garrison.</summary>
    ArmyBase,

    /// <summary>A naval base.</summary>
    NavalBase,

    /// <summary>A missile-defence site.</summary>
    MissileDefence,

    /// <summary>A base of offensive missile units.</summary>
    MissileBase,

    /// <summary>A storage site for nuclear weapons (often only reported).</summary>
    NuclearStorage,

    /// <summary>A training ground or range.</summary>
    TrainingGround,

    /// <summary>A radar or communications station.</summary>
    Radar,

    /// <summary>A headquarters.</summary>
    Headquarters,

    /// <summary>A town used as the location of a unit.</summary>
    Town,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>A named facility with coordinates.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Host">The state on whose territory it lies.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Location">Its coordinates.</param>
/// <param name="AccuracyKm">How far the true position may be from <paramref name="Location"/>.</param>
/// <param name="Evidence">Sources and confidence.</param>
/// <param name="Note">Context.</param>
public sealed record Site(SiteId Id, string Name, PartyId Host, SiteKind Kind, GeoPoint Location, double AccuracyKm, Evidence Evidence, string? Note = null);
