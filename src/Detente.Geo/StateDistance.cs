using Detente.Core;

namespace Detente.Geo;

/// <summary>A state and the geodesic distance to the nearest point of its territory.</summary>
/// <param name="State">The state.</param>
/// <param name="Kilometres">Distance in kilometres; 0 when the origin is inside the territory.</param>
public readonly record struct StateDistance(PartyId State, double Kilometres)
{
    /// <summary>Hours needed to cover the distance at an average speed in km/h (e.g. a missile's or aircraft's mean speed).</summary>
    public double FlightHours(double averageSpeedKmh)
    {
        if (!double.IsFinite(averageSpeedKmh) || averageSpeedKmh <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(averageSpeedKmh), averageSpeedKmh, "Average speed must be a positive number of km/h.");
        }

        return Kilometres / averageSpeedKmh;
    }
}
