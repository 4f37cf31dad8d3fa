using System.Collections.Immutable;
using System.Text.Json;
using Detente.Core;

namespace Detente.Geo;

/// <summary>
/// An area on the map: polygons in longitude/latitude degrees (edges are straight in those coordinates, as in
/// GeoJSON), or, for a state too small to have area at the data's scale, a set of points.
/// </summary>
/// <remarks>
/// Every shape is validated when created: positions in range, rings closed, and no ring crossing or touching itself
/// or crossing another.
/// </remarks>
public sealed class Shape
{
    internal Shape(ImmutableArray<Ring> rings, ImmutableArray<GeoPoint> points)
    {
        Rings = rings;
        Points = points;
        if (rings.Length > 0)
        {
            South = rings.Min(r => r.MinLatitude);
            North = rings.Max(r => r.MaxLatitude);
            West = rings.Min(r => r.MinLongitude);
            East = rings.Max(r => r.MaxLongitude);
        }
        else
        {
            South = points.Min(p => p.Latitude);
            North = points.Max(p => p.Latitude);
            West = points.Min(p => p.Longitude);
            East = points.Max(p => p.Longitude);
        }
    }

    internal ImmutableArray<Ring> Rings { get; }

    /// <summary>
    /// Isolated points of a territory that has no area at the data's scale (e.g. Vatican City at 1:50m); empty for polygons.
    /// </summary>
    public ImmutableArray<GeoPoint> Points { get; }

    /// <summary>True when the shape has area; a shape made only of points contains no point.</summary>
    public bool HasArea => Rings.Length > 0;

    /// <summary>Southern limit in degrees of latitude.</summary>
    public double South { get; }

    /// <summary>Northern limit in degrees of latitude.</summary>
    public double North { get; }

    /// <summary>Western limit in degrees of longitude (shapes are cut at the antimeridian, so West &lt;= East).</summary>
    public double West { get; }

    /// <summary>Eastern limit in degrees of longitude.</summary>
    public double East { get; }

    /// <summary>Number of rings (outer boundaries and holes).</summary>
    public int RingCount => Rings.Length;

    /// <summary>Number of distinct vertices over all rings.</summary>
    public int VertexCount => Rings.Sum(r => r.EdgeCount) + Points.Length;

    /// <summary>
    /// True when the point is inside (even-odd rule over all rings). A direct test over every edge; the
    /// <see cref="Atlas"/> uses an index.
    /// </summary>
    public bool Contains(GeoPoint point)
    {
        if (point.Latitude < South || point.Latitude > North || point.Longitude < West || point.Longitude > East)
        {
            return false;
        }

        var inside = false;
        foreach (var ring in Rings)
        {
            if (ring.Encloses(point.Longitude, point.Latitude))
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>
    /// Reads a shape a person supplied as GeoJSON text: a Polygon or MultiPolygon geometry, or a Feature holding one.
    /// </summary>
    /// <param name="json">The GeoJSON text.</param>
    /// <param name="origin">Where the text came from (a file name or "request body"), used in error messages.</param>
    /// <exception cref="Core.InputException">The text is not JSON, not a polygon, out of range, unclosed or self-intersecting.</exception>
    public static Shape FromGeoJson(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(origin);
        var root = GeoJsonFile.Parse(json, origin);
        var reader = new GeoJsonFile(origin);
        if (root.Find("type") is Data.Json.LocatedString { Value: "Feature" })
        {
            var geometry = reader.Member(root, "geometry", "the document", "a geometry object");
            return reader.ReadShape(geometry, "feature geometry", allowPoints: false);
        }

        return reader.ReadShape(root, "geometry", allowPoints: false);
    }
}
