namespace Detente.Core;

/// <summary>What kind of actor a party is.</summary>
public enum PartyKind
{
    /// <summary>A state, by its ISO 3166 alpha-3 code.</summary>
    State,

    /// <summary>A military alliance whose membership is dated (NATO, CSTO).</summary>
    Alliance,

    /// <summary>Another international organisation.</summary>
    Organisation,

    /// <summary>An authority that controls an area without general recognition.</summary>
    DeFactoAuthority,

    /// <summary>An open-source or national monitor that makes observations.</summary>
    Monitor,
}

/// <summary>A party: a state, an alliance or another actor named in data.</summary>
/// <param name="Id">Its code.</param>
/// <param name="Name">Its name in English.</param>
/// <param name="Kind">What kind of actor it is.</param>
/// <param name="Within">For a de facto authority, the recognised state where it operates.</param>
/// <param name="Evidence">Sources for actors other than states (states are identified by ISO 3166).</param>
public sealed record Party(PartyId Id, string Name, PartyKind Kind, PartyId? Within = null, Evidence? Evidence = null);

/// <summary>A state's membership of an alliance over a period.</summary>
/// <param name="Id">The fact's id.</param>
/// <param name="Alliance">The alliance.</param>
/// <param name="Member">The member state.</param>
/// <param name="Period">From the day it joined to the last day it was a member.</param>
/// <param name="Evidence">Sources and confidence.</param>
/// <param name="Note">Anything a reader must know (e.g. which treaty date is used).</param>
public sealed record Membership(FactId Id, PartyId Alliance, PartyId Member, Period Period, Evidence Evidence, string? Note = null) : IFact
{
    FactKind IFact.Kind => FactKind.Membership;

    Provenance? IFact.Provenance => null;
}

/// <summary>
/// Control of a mapped area by a party over a period. The area's recognised state comes from geography; control is separate
/// and dated. Where sources disagree on who controls an area, each claim is its own fact with confidence disputed.
/// </summary>
/// <param name="Id">The fact's id.</param>
/// <param name="Area">The mapped area.</param>
/// <param name="Controller">Who controls it.</param>
/// <param name="Period">The days of control.</param>
/// <param name="Evidence">Sources and confidence.</param>
/// <param name="Note">Context, e.g. the recognition status.</param>
public sealed record Control(FactId Id, AreaId Area, PartyId Controller, Period Period, Evidence Evidence, string? Note = null) : IFact
{
    FactKind IFact.Kind => FactKind.Control;

    Provenance? IFact.Provenance => null;
}
