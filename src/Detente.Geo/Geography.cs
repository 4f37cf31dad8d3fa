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
    /// Malformed JSON, a member given twice or a document that is not a FeatureCollection is a <see cref="GeoDataException"/>
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

        using var document = GeoJsonFile.Load(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("features", out var features)
            || features.ValueKind != JsonValueKind.Array)
        {
            throw new GeoDataException(path, "file", "expected a GeoJSON FeatureCollection with a 'features' array");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in features.EnumerateArray())
        {
            if (feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                ids.Add(id.GetString()!);
            }
        }

        return ids;
    }
}
