namespace Detente.Cli.Tests;

public sealed class GenerateCommandTests
{
    [Fact]
    public void Generate_WritesAScenarioThatLoadsWithTheRequestedCounts()
    {
        var dir = Path.Combine(Path.GetTempPath(), "detente-gen-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = Cli.Run("generate", "--deployments", "2500", "--activities", "300", "--observations", "50", "--out", dir);
            Assert.Equal(0, result.ExitCode);
            var scenario = Detente.Data.ScenarioLoader.Load(dir);
            Assert.Equal(2500, scenario.Deployments.Length);
            Assert.Equal(300, scenario.Activities.Length);
            Assert.Equal(50, scenario.Observations.Length);
            Assert.All(scenario.Deployments, d => Assert.Equal(Detente.Data.SyntheticScenario.SourceId, d.Evidence.Sources[0].Source.Value));

            // Self-contained: the catalogue is copied, so later edits of the shipped data cannot break this world.
            Assert.True(File.Exists(Path.Combine(dir, Detente.Data.SyntheticScenario.CatalogFileName)));

            // The template's memberships come along, so alliance queries still work on a synthetic world.
            var members = Cli.Run("world", "members", "NATO", "--at", "1997-05-27", "--json", "--scenario", dir).Json().GetProperty("members");
            Assert.Equal(16, members.GetArrayLength());
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Generate_SameSeed_WritesTheSameFiles()
    {
        var a = Path.Combine(Path.GetTempPath(), "detente-gen-" + Guid.NewGuid().ToString("N"));
        var b = Path.Combine(Path.GetTempPath(), "detente-gen-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(0, Cli.Run("generate", "--deployments", "500", "--activities", "20", "--seed", "7", "--out", a).ExitCode);
            Assert.Equal(0, Cli.Run("generate", "--deployments", "500", "--activities", "20", "--seed", "7", "--out", b).ExitCode);
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, "deployments.0001.json")), File.ReadAllBytes(Path.Combine(b, "deployments.0001.json")));
        }
        finally
        {
            foreach (var d in new[] { a, b }.Where(Directory.Exists))
            {
                Directory.Delete(d, recursive: true);
            }
        }
    }

    [Fact]
    public void Generate_NegativeCount_ExitsWithTwo()
    {
        var result = Cli.Run("generate", "--deployments", "-5", "--out", Path.GetTempPath());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--deployments: expected a count of 0 or more", result.Error);
    }
}
