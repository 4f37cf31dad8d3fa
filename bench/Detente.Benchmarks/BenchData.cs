using Detente.Scenarios;

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
        if (!File.Exists(Path.Combine(dir, "complete")))
        {
            var manifest = ScenarioManifest.Read(Template);
            SyntheticScenario.Write(ScenarioLoader.Load(manifest), manifest, dir, new SyntheticOptions(deployments, activities, observations));
            File.WriteAllText(Path.Combine(dir, "complete"), "");
        }

        return dir;
    }
}
