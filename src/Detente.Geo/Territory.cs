using Detente.Core;

namespace Detente.Geo;

/// <summary>A state's land as internationally recognised, from the country shapes.</summary>
/// <param name="State">The state, by alpha-3 code.</param>
/// <param name="Name">The state's short English name as given in the data.</param>
/// <param name="Shape">The territory's shape.</param>
public sealed record Territory(PartyId State, string Name, Shape Shape);
