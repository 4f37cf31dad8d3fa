using System.Collections.Immutable;

namespace Detente.Core;

/// <summary>
/// A claim about the world from a monitor, an official or an open source: whose forces, where, what and how many, when.
/// Observations can contradict declarations; that contradiction is a result in its own right.
/// </summary>
/// <param name="Id">Its id.</param>
/// <param name="Observer">Who makes the estimate.</param>
/// <param name="Subject">Whose forces are estimated.</param>
/// <param name="Period">When the estimate applies (one day or a span).</param>
/// <param name="Where">The place in words.</param>
/// <param name="Hosts">The states the estimate covers, if stated.</param>
/// <param name="Location">Coordinates, if given.</param>
/// <param name="What">What is counted: "troops", "battalion-tactical-groups", or a catalogue system id.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Scope">What the figure includes.</param>
/// <param name="Provenance">Usually observed; reported when relayed by the press.</param>
/// <param name="Evidence">Sources and confidence.</param>
/// <param name="Note">Context a reader must know.</param>
public sealed record Observation(
    FactId Id,
    PartyId Observer,
    PartyId Subject,
    Period Period,
    string? Where,
    ImmutableArray<PartyId> Hosts,
    GeoPoint? Location,
    string What,
    Quantity Quantity,
    string? Scope,
    Provenance Provenance,
    Evidence Evidence,
    string? Note = null) : IFact
{
    FactKind IFact.Kind => FactKind.Observation;

    Provenance? IFact.Provenance => Provenance;
}
