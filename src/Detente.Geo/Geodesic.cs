using Detente.Core;

namespace Detente.Geo;

/// <summary>The result of an inverse geodesic problem: the shortest path between two points on the WGS84 ellipsoid.</summary>
/// <param name="Metres">Length of the geodesic in metres.</param>
/// <param name="InitialAzimuth">Azimuth at the first point in degrees clockwise from north, in (-180, 180].</param>
/// <param name="FinalAzimuth">Azimuth of travel at the second point in degrees clockwise from north, in (-180, 180].</param>
public readonly record struct GeodesicInverse(double Metres, double InitialAzimuth, double FinalAzimuth)
{
    /// <summary>Length of the geodesic in kilometres.</summary>
    public double Kilometres => Metres / 1000.0;
}

/// <summary>The result of a direct geodesic problem: where a geodesic of given start, azimuth and length ends.</summary>
/// <param name="Destination">The end point.</param>
/// <param name="FinalAzimuth">Azimuth of travel at the end point in degrees clockwise from north, in (-180, 180].</param>
public readonly record struct GeodesicDirect(GeoPoint Destination, double FinalAzimuth);

/// <summary>
/// Geodesics on the WGS84 ellipsoid (a = 6378137 m, f = 1/298.257223563), written for Detente.
/// </summary>
/// <remarks>
/// The inverse problem uses Vincenty's iteration (T. Vincenty, Survey Review 23(176), 1975), whose series
/// are accurate to about 0.1 mm on the Earth. Where that iteration is unreliable (nearly antipodal points)
/// or does not converge, the azimuth at the first point is found by bisection instead: in the canonical
/// configuration of C. F. F. Karney ("Algorithms for geodesics", J. Geodesy 87, 2013) the longitude reached
/// is monotonic in that azimuth, so the bisection always converges to the shortest geodesic. The direct problem
/// uses Vincenty's direct formulae, which converge everywhere.
/// </remarks>
public static class Geodesic
{
    /// <summary>Equatorial radius of WGS84 in metres.</summary>
    public const double EquatorialRadius = 6378137.0;

    /// <summary>Flattening of WGS84.</summary>
    public const double Flattening = 1.0 / 298.257223563;

    /// <summary>Polar semi-axis of WGS84 in metres.</summary>
    public const double PolarRadius = EquatorialRadius * (1 - Flattening);

    /// <summary>Mean radius (2a + b) / 3 of WGS84 in metres, used by the spherical approximation.</summary>
    public const double MeanRadius = (2 * EquatorialRadius + PolarRadius) / 3;

    /// <summary>
    /// Bound on the relative difference between a spherical distance at <see cref="MeanRadius"/> and the
    /// geodesic distance between the same coordinates (the true figure is below 0.6 %).
    /// </summary>
    public const double SphericalRelativeError = 0.0067;

    private const double DegreesToRadians = Math.PI / 180.0;

    /// <summary>
    /// Solves the inverse problem: the length and azimuths of the shortest geodesic from <paramref name="from"/> to
    /// <paramref name="to"/>.
    /// </summary>
    public static GeodesicInverse Inverse(GeoPoint from, GeoPoint to) =>
        Ellipsoid.Wgs84.Inverse(from.Latitude, from.Longitude, to.Latitude, to.Longitude);

    /// <summary>Length in metres of the shortest geodesic between two points, as <see cref="Inverse(GeoPoint, GeoPoint)"/>.</summary>
    public static double DistanceMetres(GeoPoint from, GeoPoint to) => Inverse(from, to).Metres;

    /// <summary>
    /// Solves the direct problem: the point reached from <paramref name="start"/> along azimuth
    /// <paramref name="azimuthDegrees"/> after <paramref name="metres"/>.
    /// </summary>
    /// <remarks>Negative lengths travel backwards along the same geodesic.</remarks>
    public static GeodesicDirect Direct(GeoPoint start, double azimuthDegrees, double metres)
    {
        if (!double.IsFinite(azimuthDegrees) || !double.IsFinite(metres))
        {
            throw new ArgumentOutOfRangeException(nameof(metres), "Azimuth and length must be finite numbers.");
        }

        return Ellipsoid.Wgs84.Direct(start, azimuthDegrees, metres);
    }

    /// <summary>
    /// Great-circle distance in metres on a sphere of radius <see cref="MeanRadius"/> (haversine); a fast estimate within
    /// <see cref="SphericalRelativeError"/> of the geodesic.
    /// </summary>
    public static double SphericalDistanceMetres(GeoPoint from, GeoPoint to)
    {
        var lat1 = from.Latitude * DegreesToRadians;
        var lat2 = to.Latitude * DegreesToRadians;
        var sinDLat = Math.Sin((lat2 - lat1) / 2);
        var sinDLon = Math.Sin((to.Longitude - from.Longitude) * DegreesToRadians / 2);
        var h = sinDLat * sinDLat + Math.Cos(lat1) * Math.Cos(lat2) * sinDLon * sinDLon;
        return 2 * MeanRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    internal static GeodesicInverse Inverse(double lat1, double lon1, double lat2, double lon2) =>
        Ellipsoid.Wgs84.Inverse(lat1, lon1, lat2, lon2);

    /// <summary>Reduces an angle in degrees to (-180, 180].</summary>
    internal static double NormaliseDegrees(double degrees)
    {
        var r = Math.IEEERemainder(degrees, 360);
        return r <= -180 ? r + 360 : r;
    }
}
