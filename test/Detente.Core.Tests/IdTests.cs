namespace Detente.Core.Tests;

public sealed class IdTests
{
    [Theory]
    [InlineData("POL", true)]
    [InlineData("NATO", true)]
    [InlineData("SOUTH-OSSETIA", true)]
    [InlineData("pol", false)]
    [InlineData("P", false)]
    [InlineData("1AB", false)]
    [InlineData("PO L", false)]
    public void PartyId_IsValidCode(string code, bool valid) => Assert.Equal(valid, PartyId.IsValidCode(code));

    [Fact]
    public void PartyId_BadCode_Throws() => Assert.Throws<ArgumentException>(() => new PartyId("pol"));

    [Theory]
    [InlineData("aegis-ashore-deveselu", true)]
    [InlineData("9m729", true)]
    [InlineData("Deveselu", false)]
    [InlineData("", false)]
    [InlineData("-x", false)]
    public void Slug_IsValid(string id, bool valid) => Assert.Equal(valid, Slug.IsValid(id));

    [Theory]
    [InlineData("54.63,21.83", 54.63, 21.83)]
    [InlineData(" -33.5 , 151.2 ", -33.5, 151.2)]
    public void GeoPoint_TryParse_ReadsLatLon(string text, double lat, double lon)
    {
        Assert.True(GeoPoint.TryParse(text, out var p));
        Assert.Equal(lat, p.Latitude);
        Assert.Equal(lon, p.Longitude);
    }

    [Theory]
    [InlineData("95,10")]
    [InlineData("10,181")]
    [InlineData("10")]
    [InlineData("north,east")]
    [InlineData("NaN,1")]
    public void GeoPoint_TryParse_RejectsBadInput(string text) => Assert.False(GeoPoint.TryParse(text, out _));

    [Theory]
    [InlineData("permanance", "permanence")]
    [InlineData("hots", "host")]
    [InlineData("xyzzy", null)]
    public void Spelling_Nearest_SuggestsLikelyTypos(string typed, string? expected) =>
        Assert.Equal(expected, Spelling.Nearest(typed, ["permanence", "host", "owner", "mission"]));
}
