using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Geo;

/// <summary>A published source for a region's definition.</summary>
/// <param name="Title">Title of the document or page.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="Url">Where it can be read.</param>
/// <param name="Date">Its date, as ISO 8601 text (a year, a month or a day).</param>
public sealed record RegionSource(string Title, string Publisher, string Url, string Date);

/// <summary>A named set of states (e.g. <c>former-ussr</c>), defined in data with its sources.</summary>
/// <param name="Id">Stable id used by agreements and rules.</param>
/// <param name="Name">English name.</param>
/// <param name="Members">The member states, sorted by code.</param>
/// <param name="Sources">Where the definition comes from.</param>
/// <param name="Confidence">How far the membership list can be relied on.</param>
/// <param name="Note">What a reader must know: the definition chosen where the term is contested, and what was not checked.</param>
public sealed record Region(
    string Id, string Name, ImmutableArray<PartyId> Members, ImmutableArray<RegionSource> Sources, Confidence Confidence, string Note)
{
    /// <summary>True when the state is a member.</summary>
    public bool Contains(PartyId state) => Members.BinarySearch(state) >= 0;
}
