using System.Text.Json;
using Detente.Core;

namespace Detente.Cli;

/// <summary>Reads what the scenario loader needs from the geography directory: the ids of mapped control areas.</summary>
internal static class Geography
{
    /// <summary>The feature ids of <c>control-areas.geojson</c>, or null when the scenario has no such file.</summary>
    public static IReadOnlySet<string>? AreaIds(string geoDirectory)
    {
        var path = Path.Combine(geoDirectory, "control-areas.geojson");
        if (!InputFile.Exists(path))
        {
            return null;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var bytes = InputFile.ReadAllBytes(path, InputFile.DataLimit);
            if (JsonMembers.FirstDuplicate(bytes) is { } twice)
            {
                throw new UsageException($"{path}:{twice.Line}:{twice.Column}: the member '{twice.Name}' appears twice in one object");
            }

            using var document = JsonDocument.Parse(bytes,
                new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("features", out var features)
                || features.ValueKind != JsonValueKind.Array)
            {
                throw new UsageException($"{path}: expected a GeoJSON FeatureCollection with a 'features' array");
            }

            foreach (var feature in features.EnumerateArray())
            {
                if (feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    ids.Add(id.GetString()!);
                }
            }
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: malformed JSON: {e.Message.Split(" LineNumber:", 2)[0]}");
        }

        return ids;
    }
}
