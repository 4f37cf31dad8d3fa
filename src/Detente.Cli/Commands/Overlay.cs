using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;

namespace Detente.Cli.Commands;

/// <summary>
/// A scenario with hypothetical facts laid over it: the overlay file holds any of the scenario's kinds
/// (<c>{"memberships": [...], "deployments": [...]}</c>, in the scenario format); each becomes a shard of a copy of the
/// scenario, so the facts are validated exactly as the scenario's own.
/// </summary>
internal static class Overlay
{
    public static Scenario Load(ScenarioManifest manifest, string overlayPath)
    {
        if (!InputFile.Exists(overlayPath))
        {
            throw new UsageException($"--apply: no such file '{overlayPath}'");
        }

        // Data's overlay reader checks the file (located errors, kinds with suggestions) and splits it into one shard per kind.
        IReadOnlyList<(string Kind, byte[] Shard)> kinds;
        try
        {
            kinds = Overlays.Read(overlayPath);
        }
        catch (InputException e)
        {
            throw new UsageException(e.Message);
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
            var shards = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, bytes) in kinds)
            {
                var shard = Path.Combine(dir, $"{key}.zz-{stem}.json");
                File.WriteAllBytes(shard, bytes);
                shards[shard] = key;
            }

            try
            {
                return ScenarioLoader.Load(dir, Geography.AreaIds(manifest.GeoDirectory));
            }
            catch (Core.InputException e)
            {
                // Each shard keeps the overlay's own lines and columns, so the location only needs the overlay's name.
                var message = e.Message;
                foreach (var shard in shards.Keys)
                {
                    message = message.Replace(shard, overlayPath, StringComparison.Ordinal)
                        .Replace(Path.GetFileName(shard), overlayPath, StringComparison.Ordinal);
                }

                throw new UsageException(message);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
