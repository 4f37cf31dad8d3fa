using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Node.Reports;

namespace Detente.Cli.Rendering;

/// <summary>GeoJSON (RFC 7946) output: the <c>--geojson</c> option and the writer of a report's features (see <see cref="GeoJsonFeatures"/>).</summary>
internal static class GeoJson
{
    public static Option<bool> Option { get; } = new("--geojson")
    {
        Description = "Write GeoJSON (RFC 7946): a FeatureCollection for a map, with the facts in each feature's properties.",
    };

    public static void Write(TextWriter output, IEnumerable<JsonObject> features, JsonObject? properties = null) =>
        JsonShapes.Write(output, GeoJsonFeatures.Collection(features, properties));

    public static JsonObject Point(GeoPoint p, JsonObject properties) => GeoJsonFeatures.Point(p, properties);
}
