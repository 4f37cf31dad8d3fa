using System.Collections.Immutable;

namespace Detente.Core;

/// <summary>The broad category of a system in the catalogue.</summary>
public enum SystemCategory
{
    /// <summary>A missile.</summary>
    Missile,

    /// <summary>A launcher that fires missiles.</summary>
    Launcher,

    /// <summary>A missile-defence interceptor.</summary>
    Interceptor,

    /// <summary>An aircraft type.</summary>
    Aircraft,

    /// <summary>A warship type.</summary>
    Warship,

    /// <summary>A nuclear weapon (bomb or warhead).</summary>
    NuclearWeapon,

    /// <summary>Ground forces (troops, units).</summary>
    GroundForces,

    /// <summary>A radar.</summary>
    Radar,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>How a system is launched.</summary>
public enum LaunchMode
{
    /// <summary>From the ground (fixed or mobile).</summary>
    Ground,

    /// <summary>From a ship or submarine.</summary>
    Sea,

    /// <summary>From an aircraft.</summary>
    Air,

    /// <summary>Not launched.</summary>
    None,
}

/// <summary>How a missile flies.</summary>
public enum Guidance
{
    /// <summary>A ballistic missile.</summary>
    Ballistic,

    /// <summary>A cruise missile.</summary>
    Cruise,

    /// <summary>A hypersonic glide vehicle.</summary>
    HypersonicGlide,

    /// <summary>A defensive interceptor.</summary>
    Interceptor,

    /// <summary>Not a missile.</summary>
    None,
}

/// <summary>Whether a system is meant to attack or to defend.</summary>
public enum SystemRole
{
    /// <summary>Offensive.</summary>
    Offensive,

    /// <summary>Defensive.</summary>
    Defensive,

    /// <summary>Both.</summary>
    Dual,
}

/// <summary>Whether a system can deliver nuclear weapons.</summary>
public enum NuclearCapability
{
    /// <summary>Conventional only.</summary>
    None,

    /// <summary>Nuclear or conventional.</summary>
    DualCapable,

    /// <summary>Nuclear only.</summary>
    NuclearOnly,
}

/// <summary>That a launcher can fire a given system, with its evidence (which may be disputed).</summary>
/// <param name="System">The system fired.</param>
/// <param name="Evidence">Sources and confidence.</param>
/// <param name="Note">Who says so and how they put it.</param>
public sealed record FiringCapability(SystemId System, Evidence Evidence, string? Note = null);

/// <summary>A weapon or force type in the catalogue.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name and designations.</param>
/// <param name="Owner">The party that fields it.</param>
/// <param name="Category">Its category.</param>
/// <param name="Launch">How it is launched.</param>
/// <param name="Guidance">How it flies.</param>
/// <param name="Role">Offensive, defensive or both.</param>
/// <param name="Nuclear">Nuclear capability.</param>
/// <param name="RangeKm">Range in kilometres; disputed ranges keep every claim. Null when not applicable or unknown.</param>
/// <param name="Fires">For a launcher, what it can fire.</param>
/// <param name="Evidence">Sources and confidence.</param>
/// <param name="Note">Context.</param>
public sealed record WeaponSystem(
    SystemId Id,
    string Name,
    PartyId? Owner,
    SystemCategory Category,
    LaunchMode Launch,
    Guidance Guidance,
    SystemRole Role,
    NuclearCapability Nuclear,
    Quantity? RangeKm,
    ImmutableArray<FiringCapability> Fires,
    Evidence Evidence,
    string? Note = null);
