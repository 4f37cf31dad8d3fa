using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Geo;

/// <summary>
/// The states whose territory lies within a range of an origin, nearest first. For a disputed range, compute
/// the reach once at the largest claim and narrow it with <see cref="Within"/> for each other claim.
/// </summary>
/// <param name="Origin">Where the range is measured from.</param>
/// <param name="RangeKm">The range in kilometres.</param>
/// <param name="States">Every state with territory within range and its distance, sorted by distance then code.</param>
public sealed record Reach(GeoPoint Origin, double RangeKm, ImmutableArray<StateDistance> States)
{
    /// <summary>True when some of the state's territory is within range.</summary>
    public bool Includes(PartyId state) => States.Any(s => s.State == state);

    /// <summary>The same reach for a smaller range, without measuring again.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is larger than this reach's range, or negative.</exception>
    public Reach Within(double rangeKm)
    {
        if (!(rangeKm >= 0 && rangeKm <= RangeKm))
        {
            throw new ArgumentOutOfRangeException(nameof(rangeKm), rangeKm, $"A narrowed reach needs a range in [0, {RangeKm}] km.");
        }

        return new Reach(Origin, rangeKm, [.. States.Where(s => s.Kilometres <= rangeKm)]);
    }
}
