using Detente.Data;

namespace Detente.Benchmarks;

/// <summary>Finds the shipped data and writes synthetic worlds once per size, cached under the system temp directory.</summary>
internal static class BenchData
{
    public static string DataDirectory()
    {
        if (Environment.GetEnvironmentVariable("DETENTE_DATA") is { Length: > 0 } data)
        {
            return data;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Detente.slnx")))
            {
                return Path.Combine(dir.FullName, "data");
            }
        }

        throw new InvalidOperationException("Set DETENTE_DATA to the repository's data directory.");
    }

    public static string Template => Path.Combine(DataDirectory(), "scenarios", "europe-2022");

    /// <summary>A synthetic scenario of the given size, written on first use and reused by later runs.</summary>
    public static string Synthetic(int deployments, int activities, int observations = 0)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"detente-bench-{deployments}-{activities}-{observations}");
        var manifest = ScenarioManifest.Read(Template);
        var marker = Path.Combine(dir, "complete");
        var fingerprint = Fingerprint(manifest);
        if (!File.Exists(marker) || File.ReadAllText(marker) != fingerprint)
        {
            SyntheticScenario.Write(ScenarioLoader.Load(manifest), manifest, dir, new SyntheticOptions(deployments, activities, observations));
            File.WriteAllText(marker, fingerprint);
        }

        return dir;
    }

    /// <summary>Sizes and write times of the template's files: a cached synthetic world is rebuilt when they change.</summary>
    private static string Fingerprint(ScenarioManifest manifest) =>
        string.Join(";", Directory.EnumerateFiles(manifest.Directory, "*.json").Append(manifest.CatalogPath).Order(StringComparer.Ordinal)
            .Select(f => new FileInfo(f)).Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
}
