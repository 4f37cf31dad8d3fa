namespace Detente.Geo.Tests;

public sealed class RegionsTests
{
    private static readonly Regions Regions = Regions.Load(Path.Combine(TestData.GeoDirectory, Regions.FileName), TestData.Atlas);

    [Fact]
    public void FormerUssr_HasTheFifteenSuccessorStates()
    {
        var region = Regions["former-ussr"];

        Assert.Equal(15, region.Members.Length);
        Assert.True(region.Contains(TestData.State("UKR")));
        Assert.False(region.Contains(TestData.State("POL")));
    }

    [Fact]
    public void EasternEurope_IsMarkedAsAnUndefinedTermWithTheDefinitionChosen()
    {
        var region = Regions["eastern-europe"];

        Assert.Contains("UNDEFINED TERM", region.Note, StringComparison.Ordinal);
        Assert.Contains("M49", region.Note, StringComparison.Ordinal);
        Assert.False(region.Contains(TestData.State("EST")));
    }

    [Fact]
    public void EveryRegion_HasASourceAndMembersWithTerritory()
    {
        Assert.Equal(["former-ussr", "south-caucasus", "central-asia", "eastern-europe", "europe"], Regions.All.Select(r => r.Id));
        Assert.All(Regions.All, r =>
        {
            Assert.NotEmpty(r.Sources);
            Assert.All(r.Members, m => Assert.True(TestData.Atlas.HasTerritory(m), m.Code));
        });
    }

    [Fact]
    public void UnknownRegion_ListsTheKnownIds()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Regions["baltic"]);

        Assert.Contains("former-ussr", e.Message, StringComparison.Ordinal);
    }
}
