using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Geo;

/// <summary>
/// The area within a width of the land border between two sets of states (e.g. RUS and BLR against NATO
/// members), on both sides of it. The border is made of the edges the two sides' shapes share.
/// </summary>
public sealed class BorderZone
{
    private readonly EdgeIndex _border;

    internal BorderZone(
        ImmutableArray<PartyId> sideA, ImmutableArray<PartyId> sideB, double widthKm, double borderLengthKm,
        EdgeIndex border, ImmutableArray<StateDistance> covers)
    {
        SideA = sideA;
        SideB = sideB;
        WidthKm = widthKm;
        BorderLengthKm = borderLengthKm;
        _border = border;
        Covers = covers;
    }

    /// <summary>The first set of states.</summary>
    public ImmutableArray<PartyId> SideA { get; }

    /// <summary>The second set of states.</summary>
    public ImmutableArray<PartyId> SideB { get; }

    /// <summary>Width of the zone in kilometres, measured from the border on either side.</summary>
    public double WidthKm { get; }

    /// <summary>Length of the shared border in kilometres (geodesic, summed over its edges); 0 when the sides do not touch.</summary>
    public double BorderLengthKm { get; }

    /// <summary>
    /// The states whose territory the zone covers, each with the distance from the border to its territory
    /// (0 for the states on the border), nearest first. Third states appear when they lie within the width.
    /// </summary>
    public ImmutableArray<StateDistance> Covers { get; }

    /// <summary>The shared border as polylines (lines of points); the zone is every point within <see cref="WidthKm"/> of them.</summary>
    public IReadOnlyList<IReadOnlyList<GeoPoint>> BorderLines => _border.Chains();

    /// <summary>True when the sides share no border, so the zone is empty.</summary>
    public bool IsEmpty => _border.IsEmpty;

    /// <summary>True when the point is within <see cref="WidthKm"/> of the border (geodesic distance).</summary>
    public bool Contains(GeoPoint point) => DistanceToBorderKm(point, WidthKm) <= WidthKm;

    /// <summary>
    /// Geodesic distance in km from the point to the border, or +infinity when it exceeds <paramref name="cutoffKm"/>
    /// or there is no border.
    /// </summary>
    public double DistanceToBorderKm(GeoPoint point, double cutoffKm = double.PositiveInfinity) => _border.DistanceKm(point, cutoffKm);
}
