namespace Detente.Geo.Tests;

/// <summary>The control-area ids the scenario loader reads from a geography directory; bad inputs tried: duplicate member, not a FeatureCollection, malformed JSON.</summary>
public sealed class GeographyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-geo-areas-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Shipped() => TestData.GeoDirectory;

    [Fact]
    public void AreaIds_ShippedGeography_ListsTheMappedAreas() =>
        Assert.Contains("crimea", Geography.AreaIds(Shipped())!);

    [Fact]
    public void AreaIds_NoControlAreasFile_IsNull() => Assert.Null(Geography.AreaIds(_dir));

    [Theory]
    [InlineData("{\"features\": [],\n \"features\": []}", ".geojson:2:")]
    [InlineData("{\"type\": \"Feature\"}", "expected a GeoJSON FeatureCollection")]
    [InlineData("{\"features\": [", "control-areas.geojson")]
    public void AreaIds_BadFile_IsALocatedInputError(string text, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, Geography.ControlAreasFile), text);
        var e = Assert.Throws<Detente.Core.InputException>(() => Geography.AreaIds(_dir));
        Assert.Contains(expected, e.Message);
        Assert.Contains(Geography.ControlAreasFile, e.Message);
    }
}
