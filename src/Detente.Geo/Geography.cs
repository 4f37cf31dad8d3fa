using System.Text.Json;
using Detente.Core;

namespace Detente.Geo;

/// <summary>What the scenario loader needs from a geography directory without loading its shapes: the ids of mapped control areas.</summary>
public static class Geography
{
    /// <summary>The file of a geography directory that holds the mapped control areas.</summary>
    public const string ControlAreasFile = "control-areas.geojson";

    /// <summary>
    /// The feature ids of <see cref="ControlAreasFile"/> in <paramref name="geoDirectory"/>, or null when there is no such file.
    /// Malformed JSON, a member given twice or a document that is not a FeatureCollection is an <see cref="InputException"/>
    /// naming the file, line and column.
    /// </summary>
    public static IReadOnlySet<string>? AreaIds(string geoDirectory)
    {
        ArgumentNullException.ThrowIfNull(geoDirectory);
        var path = Path.Combine(geoDirectory, ControlAreasFile);
        if (!InputFile.Exists(path))
        {
            return null;
        }

        var document = GeoJsonFile.Load(path);
        if (document.Kind != JsonValueKind.Object || document.Find("features") is not { Kind: JsonValueKind.Array } features)
        {
            throw GeoJsonFile.Fail(document, "file", "expected a GeoJSON FeatureCollection with a 'features' array");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in features.Items)
        {
            if (feature.Kind == JsonValueKind.Object && feature.Find("id") is { Kind: JsonValueKind.String } id)
            {
                ids.Add(id.Text!);
            }
        }

        return ids;
    }
}
