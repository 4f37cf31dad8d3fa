using System.Text.Json;

namespace Detente.Cli;

/// <summary>Reads what the scenario loader needs from the geography directory: the ids of mapped control areas.</summary>
internal static class Geography
{
    /// <summary>The feature ids of <c>control-areas.geojson</c>, or null when the scenario has no such file.</summary>
    public static IReadOnlySet<string>? AreaIds(string geoDirectory)
    {
        var path = Path.Combine(geoDirectory, "control-areas.geojson");
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            if (feature.TryGetProperty("id", out var id) && id.GetString() is { } text)
            {
                ids.Add(text);
            }
        }

        return ids;
    }
}
