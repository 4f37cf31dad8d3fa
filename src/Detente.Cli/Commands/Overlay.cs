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
    private static readonly string[] Kinds =
        ["sources", "parties", "sites", "memberships", "control", "deployments", "activities", "notifications", "observations"];

    public static Scenario Load(ScenarioManifest manifest, string overlayPath)
    {
        if (!InputFile.Exists(overlayPath))
        {
            throw new UsageException($"--apply: no such file '{overlayPath}'");
        }

        // Read once: the same text is parsed here and split into shards below.
        var text = InputFile.ReadAllText(overlayPath, InputFile.DataLimit);
        if (JsonMembers.FirstDuplicate(System.Text.Encoding.UTF8.GetBytes(text)) is { } twice)
        {
            throw new UsageException($"{overlayPath}:{twice.Line}:{twice.Column}: the member '{twice.Name}' appears twice in one object");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new UsageException($"{overlayPath}: expected a JSON object");
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
            var spans = TopLevelSpans(text);
            var shards = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in root.Select(kv => kv.Key))
            {
                var shard = Path.Combine(dir, $"{key}.zz-{stem}.json");
                File.WriteAllText(shard, Only(text, spans, key));
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

    /// <summary>Where each top-level property starts (its name) and ends (its value), in characters.</summary>
    private static List<(string Key, int Start, int End)> TopLevelSpans(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        var spans = new List<(string, int, int)>();
        string? key = null;
        var start = 0;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                key = reader.GetString();
                start = (int)reader.TokenStartIndex;
                reader.Read();
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                spans.Add((key!, start, end));
            }
        }

        // Byte offsets to character offsets (the same for ASCII text, which the kinds' names and JSON syntax are).
        return spans.Select(s => (s.Item1, System.Text.Encoding.UTF8.GetCharCount(bytes, 0, s.Item2), System.Text.Encoding.UTF8.GetCharCount(bytes, 0, s.Item3))).ToList();
    }

    /// <summary>The overlay with every top-level property but one blanked out (newlines kept), so lines and columns stay.</summary>
    private static string Only(string text, List<(string Key, int Start, int End)> spans, string key)
    {
        var chars = text.ToCharArray();
        void Blank(int from, int to)
        {
            for (var i = from; i < to && i < chars.Length; i++)
            {
                if (chars[i] is not ('\n' or '\r'))
                {
                    chars[i] = ' ';
                }
            }
        }

        for (var i = 0; i < spans.Count; i++)
        {
            if (spans[i].Key != key)
            {
                Blank(spans[i].Start, spans[i].End);
            }

            // The separators between properties: the one kept property needs none.
            if (i + 1 < spans.Count)
            {
                Blank(spans[i].End, spans[i + 1].Start);
            }
        }

        return new string(chars);
    }
}
