using Detente.Node.Sessions;

namespace Detente.Node.Tests;

/// <summary>Where a session finds the shipped data and a scenario named on the command line.</summary>
public sealed class PathsTests
{
    [Fact]
    public void DataDirectory_FromTheBuild_HoldsTheDefaultScenario() =>
        Assert.True(File.Exists(Path.Combine(Paths.DataDirectory(), "scenarios", Paths.DefaultScenario, "scenario.json")));

    [Fact]
    public void Scenario_NoOption_IsTheDefaultShippedScenario() =>
        Assert.Equal(Path.Combine(Paths.DataDirectory(), "scenarios", Paths.DefaultScenario), Paths.Scenario(null));

    [Fact]
    public void Scenario_ShippedName_IsItsDirectory_AndAnExistingPathIsItself()
    {
        Assert.Equal(Path.Combine(Paths.DataDirectory(), "scenarios", "europe-2022"), Paths.Scenario("europe-2022"));
        var dir = Directory.CreateTempSubdirectory("detente-paths-").FullName;
        try
        {
            Assert.Equal(dir, Paths.Scenario(dir));
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void Scenario_UnknownName_IsADataErrorListingTheShippedOnes()
    {
        var e = Assert.Throws<Detente.Core.InputException>(() => Paths.Scenario("europe-2021"));
        Assert.StartsWith("europe-2021: no such scenario", e.Message);
        Assert.Contains("did you mean 'europe-2022'?", e.Message);
    }
}
