using System.Text.Json.Nodes;
using Detente.Core;

namespace Detente.Node.Reports;

/// <summary>
/// GeoJSON (RFC 7946) of reports for a map: a FeatureCollection of points, lines and rings in WGS84 longitude–latitude order,
/// each feature's facts in its properties.
/// </summary>
public static class GeoJsonFeatures
{
    /// <summary>The collection of <paramref name="features"/>; <paramref name="properties"/>, when given, says what it is about as a whole.</summary>
    public static JsonObject Collection(IEnumerable<JsonObject> features, JsonObject? properties = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        var collection = new JsonObject { ["type"] = "FeatureCollection" };
        if (properties is not null)
        {
            // A foreign member (RFC 7946 §6.1): what the collection as a whole is about.
            collection["properties"] = properties;
        }

        collection["features"] = new JsonArray([.. features.Select(f => (JsonNode)f)]);
        return collection;
    }

    /// <summary>A position: longitude then latitude, rounded to 6 decimals (about 0.1 m).</summary>
    public static JsonArray Position(GeoPoint p) => [Math.Round(p.Longitude, 6), Math.Round(p.Latitude, 6)];

    /// <summary>A feature of a geometry and its properties.</summary>
    public static JsonObject Feature(JsonObject geometry, JsonObject properties) =>
        new() { ["type"] = "Feature", ["geometry"] = geometry, ["properties"] = properties };

    /// <summary>A point feature.</summary>
    public static JsonObject Point(GeoPoint p, JsonObject properties) => Feature(new JsonObject { ["type"] = "Point", ["coordinates"] = Position(p) }, properties);

    /// <summary>Lines (each a list of points) as one MultiLineString feature.</summary>
    public static JsonObject Lines(IEnumerable<IReadOnlyList<GeoPoint>> lines, JsonObject properties)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return Feature(new JsonObject
        {
            ["type"] = "MultiLineString",
            ["coordinates"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonArray([.. l.Select(p => (JsonNode)Position(p))]))]),
        }, properties);
    }

    /// <summary>
    /// The geodesic circle of <paramref name="km"/> around a point as a polygon of <paramref name="vertices"/> points on the WGS84
    /// ellipsoid, counter-clockwise as RFC 7946 asks. A circle around a pole or across the antimeridian is not split.
    /// </summary>
    public static JsonObject Ring(GeoPoint centre, double km, JsonObject properties, int vertices = 128)
    {
        var ring = new JsonArray();
        for (var i = 0; i <= vertices; i++)
        {
            // Azimuths decreasing from north: the ring runs counter-clockwise seen from above.
            var azimuth = 360.0 - (360.0 * (i % vertices) / vertices);
            ring.Add((JsonNode)Position(Geo.Geodesic.Direct(centre, azimuth % 360.0, km * 1000).Destination));
        }

        return Feature(new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) }, properties);
    }
}
