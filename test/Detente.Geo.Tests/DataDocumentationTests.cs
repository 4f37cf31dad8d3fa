using System.Text.RegularExpressions;

namespace Detente.Geo.Tests;

public sealed partial class DataDocumentationTests
{
    [Fact]
    public void GeoReadme_NamesScriptsAndFilesThatExist()
    {
        var readme = File.ReadAllText(Path.Combine(TestData.GeoDirectory, "README.md"));

        var scripts = ScriptPattern().Matches(readme).Select(m => m.Value).Distinct().ToList();

        Assert.Contains("scripts/derive-country-shapes.sh", scripts);
        Assert.Contains("scripts/derive-control-areas.sh", scripts);
        Assert.All(scripts, s => Assert.True(File.Exists(Path.Combine(TestData.RepositoryRoot, s)), s));
        Assert.All(
            [Atlas.CountriesFileName, Atlas.ControlAreasFileName, Regions.FileName],
            name => Assert.Contains(name, readme, StringComparison.Ordinal));
    }

    [Fact]
    public void BadGeography_MessageIsFileLineColumnThenPlaceThenProblem()
    {
        // Tried: an unclosed ring whose last position is on line 3.
        var e = Assert.Throws<Core.InputException>(() => Shape.FromGeoJson(
            "{\"type\":\"Polygon\",\"coordinates\":[[[30,50],[31,50],\n[31,51],\n[30,51]]]}", "zone.json"));

        Assert.StartsWith("zone.json:3:1: geometry, ring 0: ring is not closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Atlas_AnswersTheSameFromManyThreads()
    {
        var atlas = TestData.Atlas;
        var random = new Random(5);
        var points = Enumerable.Range(0, 2000)
            .Select(_ => new Core.GeoPoint(40 + random.NextDouble() * 25, 10 + random.NextDouble() * 30))
            .ToArray();
        var state = TestData.State("BLR");
        var expected = points.Select(p => (atlas.TerritoryAt(p), atlas.DistanceToTerritory(p, state))).ToArray();

        var actual = new (Core.PartyId?, double)[points.Length];
        Parallel.For(0, points.Length, i => actual[i] = (atlas.TerritoryAt(points[i]), atlas.DistanceToTerritory(points[i], state)));

        Assert.Equal(expected, actual);
    }

    [GeneratedRegex(@"scripts/[a-z0-9-]+\.sh")]
    private static partial Regex ScriptPattern();
}
