using Detente.Data;
using Detente.Core;
using Detente.Node.Sessions;

namespace Detente.Node.Tests;

/// <summary>Opening the scenario a command names: the default, a shipped name, a directory; bad input tried: a name that is no scenario.</summary>
public sealed class ScenarioSessionTests
{
    [Fact]
    public void DefaultScenario_ReadsItsManifestWorldAndGeography()
    {
        var session = new ScenarioSession(null);
        Assert.Equal(Paths.DefaultScenario, session.Manifest.Info.Id);
        Assert.Contains(new Core.PartyId("UKR"), session.FromFiles.Parties.Keys);
        Assert.Same(session.FromFiles, session.FromFiles);
        Assert.Equal("UKR", session.Atlas.TerritoryOf(new Core.PartyId("UKR")).State.Code);
    }

    [Fact]
    public void ShippedNameAndDirectory_OpenTheSameScenario() =>
        Assert.Equal(new ScenarioSession("europe-2022").Manifest.Info.Id, new ScenarioSession(Paths.Scenario(null)).Manifest.Info.Id);

    [Fact]
    public void UnknownScenario_IsADataErrorNamingIt()
    {
        var e = Assert.Throws<Detente.Core.InputException>(() => new ScenarioSession("no-such-scenario-x").Manifest);
        Assert.Contains("no-such-scenario-x", e.Message);
    }

    [Fact]
    public void RangeCaseDeployedAt_CountsTheSystemAndItsLaunchers_AtThatSiteOnly()
    {
        var scenario = new ScenarioSession(null).FromFiles;
        var world = scenario.At(new DateOnly(2022, 1, 12));
        var present = Geo.RangeCase.DeployedAt(world, new SiteId("kapustin-yar"), new SystemId("9m729"));
        Assert.NotEmpty(present);
        Assert.All(present, d => Assert.Equal(new SiteId("kapustin-yar"), d.Site));
        Assert.All(present, d => Assert.True(d.System == new SystemId("9m729")
            || scenario.Systems[d.System!.Value].Fires.Any(f => f.System == new SystemId("9m729"))));
        Assert.Empty(Geo.RangeCase.DeployedAt(world, new SiteId("kapustin-yar"), new SystemId("sm-3")));
    }
}
