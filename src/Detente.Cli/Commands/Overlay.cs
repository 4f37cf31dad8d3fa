using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Scenarios;

namespace Detente.Cli.Commands;

/// <summary>
/// A scenario with hypothetical facts laid over it: the overlay file holds any of the scenario's kinds
/// (<c>{"memberships": [...], "deployments": [...]}</c>, in the scenario format); each becomes a shard of a copy of the
/// scenario, so the facts are validated exactly as the scenario's own.
/// </summary>
internal static class Overlay
{
    private static readonly string[] Kinds =
        ["sources", "parties", "sites", "memberships", "control", "deployments", "activities", "notifications", "observations"];

    public static Scenario Load(ScenarioManifest manifest, string overlayPath)
    {
        if (!File.Exists(overlayPath))
        {
            throw new UsageException($"--apply: no such file '{overlayPath}'");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(overlayPath))?.AsObject() ?? throw new UsageException($"{overlayPath}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{overlayPath}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: {e.Message}");
        }

        foreach (var key in root.Select(kv => kv.Key))
        {
            if (!Kinds.Contains(key))
            {
                throw new UsageException($"{overlayPath}: unknown kind '{key}'" + (Spelling.Nearest(key, Kinds) is { } near ? $"; did you mean '{near}'?" : ""));
            }
        }

        var dir = Directory.CreateTempSubdirectory("detente-whatif-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "scenario.json"), new JsonObject
            {
                ["format"] = ScenarioManifest.Format,
                ["id"] = manifest.Info.Id,
                ["title"] = manifest.Info.Title + " (with hypothetical facts)",
                ["catalog"] = manifest.CatalogPath,
                ["geo"] = manifest.GeoDirectory,
            }.ToJsonString());
            foreach (var file in Directory.EnumerateFiles(manifest.Directory, "*.json"))
            {
                if (Path.GetFileName(file) != "scenario.json")
                {
                    File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
                }
            }

            var stem = Path.GetFileNameWithoutExtension(overlayPath);
            foreach (var (key, value) in root)
            {
                File.WriteAllText(Path.Combine(dir, $"{key}.zz-{stem}.json"), new JsonObject { [key] = value?.DeepClone() }.ToJsonString());
            }

            return ScenarioLoader.Load(dir, Geography.AreaIds(manifest.GeoDirectory));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
