namespace Detente.Core;

/// <summary>What a deployment's quantity counts.</summary>
public enum ForceUnit
{
    /// <summary>Personnel.</summary>
    Troops,

    /// <summary>Launchers.</summary>
    Launchers,

    /// <summary>Missiles or interceptors.</summary>
    Missiles,

    /// <summary>Nuclear warheads or bombs.</summary>
    Warheads,

    /// <summary>Aircraft.</summary>
    Aircraft,

    /// <summary>Ships.</summary>
    Ships,

    /// <summary>Battlegroups or similar formations.</summary>
    Battlegroups,

    /// <summary>Other items.</summary>
    Items,
}

/// <summary>How long forces are meant to stay.</summary>
public enum Permanence
{
    /// <summary>Stationed permanently.</summary>
    Permanent,

    /// <summary>Present continuously through rotating units.</summary>
    Rotational,

    /// <summary>For a limited time.</summary>
    Temporary,
}

/// <summary>Whether forces have a combat mission.</summary>
public enum Mission
{
    /// <summary>A combat mission.</summary>
    Combat,

    /// <summary>Any other mission (training, support, missile defence, ...).</summary>
    Other,
}

/// <summary>Where a fact comes from.</summary>
public enum Provenance
{
    /// <summary>Declared by the party concerned.</summary>
    Declared,

    /// <summary>Reported by open sources.</summary>
    Reported,

    /// <summary>Observed by a monitor or another party.</summary>
    Observed,

    /// <summary>Found by an inspection.</summary>
    Inspected,
}

/// <summary>An owner's forces or systems at a site or in a host state over a period.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Owner">Whose forces these are.</param>
/// <param name="Host">The state where they are.</param>
/// <param name="Site">The site, if any.</param>
/// <param name="Area">A place in words when there is no site.</param>
/// <param name="Location">Coordinates when there is no site.</param>
/// <param name="System">The system deployed, if any (none for troops).</param>
/// <param name="Quantity">How many.</param>
/// <param name="Unit">What the quantity counts.</param>
/// <param name="Permanence">How long they are meant to stay.</param>
/// <param name="Mission">Combat or other.</param>
/// <param name="Period">When.</param>
/// <param name="Provenance">Declared, reported, observed or inspected.</param>
/// <param name="Evidence">Sources and confidence.</param>
/// <param name="Description">A short label, e.g. the unit's name.</param>
/// <param name="Note">Context a reader must know, e.g. how a figure was arrived at.</param>
public sealed record Deployment(
    FactId Id,
    PartyId Owner,
    PartyId Host,
    SiteId? Site,
    string? Area,
    GeoPoint? Location,
    SystemId? System,
    Quantity Quantity,
    ForceUnit Unit,
    Permanence Permanence,
    Mission Mission,
    Period Period,
    Provenance Provenance,
    Evidence Evidence,
    string? Description = null,
    string? Note = null) : IFact
{
    FactKind IFact.Kind => FactKind.Deployment;

    Provenance? IFact.Provenance => Provenance;

    /// <summary>True when the deployment's owner is not the host state, i.e. the forces are stationed abroad.</summary>
    public bool IsForeign => Owner != Host;
}
