namespace Detente.Geo.Tests;

/// <summary>
/// What was tried: a self-intersecting bowtie, a latitude of 95, an unclosed ring, a ring of three positions,
/// a ring touching itself, a position that is not a pair of numbers, an unsupported geometry, malformed JSON,
/// a control area with a crossing ring or an unknown state, duplicate ids, unknown ids at query time, and
/// regions naming a state the atlas lacks. Each must fail with the file, the place in it, and what was expected.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "detente-geo-tests-" + Guid.NewGuid().ToString("N"));

    public BadInputTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Shape_SelfIntersectingBowtie_IsRejectedWithTheCrossingEdges()
    {
        var e = Assert.Throws<Core.InputException>(() =>
            Shape.FromGeoJson("""{"type":"Polygon","coordinates":[[[30,50],[31,51],[31,50],[30,51],[30,50]]]}""", "request body"));

        Assert.Equal("request body", e.Location.File);
        Assert.Contains("edges cross", e.Problem, StringComparison.Ordinal);
        Assert.Contains("edge 0", e.Problem, StringComparison.Ordinal);
        Assert.Contains("edge 2", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_Latitude95_IsRejectedWithItsPosition()
    {
        var e = Assert.Throws<Core.InputException>(() =>
            Shape.FromGeoJson("""{"type":"Polygon","coordinates":[[[30,50],[31,95],[31,50],[30,50]]]}""", "zone.json"));

        Assert.StartsWith("geometry, ring 0, position 1" + ": ", e.Problem, StringComparison.Ordinal);
        Assert.Contains("out of range", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_UnclosedRing_IsRejected()
    {
        var e = Assert.Throws<Core.InputException>(() =>
            Shape.FromGeoJson("""{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,51],[30,51]]]}""", "zone.json"));

        Assert.Contains("not closed", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_RingOfThreePositions_IsRejected()
    {
        var e = Assert.Throws<Core.InputException>(() =>
            Shape.FromGeoJson("""{"type":"Polygon","coordinates":[[[30,50],[31,50],[30,50]]]}""", "zone.json"));

        Assert.Contains("at least 4 positions", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_RingTouchingItself_IsRejected()
    {
        // A figure eight that meets itself at (31, 51) without crossing.
        var e = Assert.Throws<Core.InputException>(() => Shape.FromGeoJson(
            """{"type":"Polygon","coordinates":[[[30,50],[32,50],[31,51],[32,52],[30,52],[31,51],[30,50]]]}""", "zone.json"));

        Assert.Contains("passes twice", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_PositionThatIsNotTwoNumbers_IsRejected()
    {
        var e = Assert.Throws<Core.InputException>(() =>
            Shape.FromGeoJson("""{"type":"Polygon","coordinates":[[[30,50],["31",50],[31,51],[30,50]]]}""", "zone.json"));

        Assert.StartsWith("geometry, ring 0, position 1" + ": ", e.Problem, StringComparison.Ordinal);
        Assert.Contains("[longitude, latitude]", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_LineString_IsNotAnArea()
    {
        var e = Assert.Throws<Core.InputException>(() =>
            Shape.FromGeoJson("""{"type":"LineString","coordinates":[[30,50],[31,50]]}""", "zone.json"));

        Assert.Contains("expected Polygon or MultiPolygon", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_MalformedJson_ReportsLineAndColumn()
    {
        var e = Assert.Throws<Core.InputException>(() =>
            Shape.FromGeoJson("{\"type\":\"Polygon\",\n \"coordinates\": [[[30,50],[31,50] [31,51],[30,50]]]\n}", "zone.json"));

        Assert.Equal(2, e.Location.Line);
        Assert.Contains("malformed JSON", e.Problem, StringComparison.Ordinal);
        Assert.StartsWith("zone.json:2:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_ValidSquare_ContainsItsCentre()
    {
        var shape = Shape.FromGeoJson(
            """
            {"type":"Feature","properties":{},
             "geometry":{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,51],[30,51],[30,50]]]}}
            """,
            "zone.json");

        Assert.True(shape.Contains(new Core.GeoPoint(50.5, 30.5)));
        Assert.False(shape.Contains(new Core.GeoPoint(51.5, 30.5)));
    }

    [Fact]
    public void ControlAreas_WithACrossingRing_NameTheFileAndTheFeature()
    {
        var path = WriteAreas(Area("bad-bowtie", "UKR", "[[30,50],[31,51],[31,50],[30,51],[30,50]]"));

        var e = Assert.Throws<Core.InputException>(() => Atlas.Load(CountriesPath, path));

        Assert.Equal(path, e.Location.File);
        Assert.StartsWith("feature 'bad-bowtie' (#0): ", e.Problem, StringComparison.Ordinal);
        Assert.Contains("edges cross", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlAreas_FarApart_StillLoadAndAnswer()
    {
        // Areas at opposite corners of the map would need a huge grid at the default cell size.
        var path = WriteAreas(
            Area("west", "USA", "[[-170,-60],[-169,-60],[-169,-59],[-170,-59],[-170,-60]]"),
            Area("east", "RUS", "[[170,70],[171,70],[171,71],[170,71],[170,70]]"));

        var atlas = Atlas.Load(CountriesPath, path);

        Assert.Equal(["west"], atlas.AreasAt(new Core.GeoPoint(-59.5, -169.5)).Select(a => a.Id));
        Assert.Equal(["east"], atlas.AreasAt(new Core.GeoPoint(70.5, 170.5)).Select(a => a.Id));
        Assert.Empty(atlas.AreasAt(new Core.GeoPoint(0, 0)));
    }

    [Fact]
    public void ControlAreas_WithinAnUnknownState_AreRejected()
    {
        var path = WriteAreas(Area("somewhere", "JPN", "[[30,50],[31,50],[31,51],[30,50]]"));

        var e = Assert.Throws<Core.InputException>(() => Atlas.Load(CountriesPath, path));

        Assert.Contains("'within' is 'JPN'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlAreas_WithADuplicateId_AreRejected()
    {
        var square = "[[30,50],[31,50],[31,51],[30,50]]";
        var path = WriteAreas(Area("twice", "UKR", square), Area("twice", "UKR", square));

        var e = Assert.Throws<Core.InputException>(() => Atlas.Load(CountriesPath, path));

        Assert.Contains("more than once", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlAreas_WithoutConfidence_AreRejected()
    {
        var area = Area("vague", "UKR", "[[30,50],[31,50],[31,51],[30,50]]");
        var path = WriteAreas(area.Replace("\"confidence\":\"uncertain\",", "", StringComparison.Ordinal));

        var e = Assert.Throws<Core.InputException>(() => Atlas.Load(CountriesPath, path));

        Assert.Contains("missing 'confidence'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlAreas_MissingFile_IsReportedAsSuch()
    {
        var path = Path.Combine(_directory, "absent.geojson");

        var e = Assert.Throws<Core.InputException>(() => Atlas.Load(CountriesPath, path));

        Assert.Equal(path, e.Location.File);
        Assert.Contains("no such file", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Countries_WithAnEmptyMultiPoint_AreRejected()
    {
        var path = Path.Combine(_directory, "countries.geojson");
        File.WriteAllText(path, """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"a3":"VAT","name":"Vatican"},"geometry":{"type":"MultiPoint","coordinates":[]}}]}
            """);

        var e = Assert.Throws<Core.InputException>(() => Atlas.Load(path, null));

        Assert.StartsWith("feature 'VAT' (#0)" + ": ", e.Problem, StringComparison.Ordinal);
        Assert.Contains("at least one position", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Countries_WithADuplicateState_AreRejected()
    {
        var path = Path.Combine(_directory, "countries.geojson");
        var feature = """
            {"type":"Feature","properties":{"a3":"VAT","name":"Vatican"},"geometry":{"type":"Point","coordinates":[12.45,41.9]}}
            """;
        File.WriteAllText(path, $$"""{"type":"FeatureCollection","features":[{{feature}},{{feature}}]}""");

        var e = Assert.Throws<Core.InputException>(() => Atlas.Load(path, null));

        Assert.StartsWith("feature 'VAT' (#1)" + ": ", e.Problem, StringComparison.Ordinal);
        Assert.Contains("more than once", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Countries_NotAFeatureCollection_AreRejected()
    {
        var path = Path.Combine(_directory, "countries.geojson");
        File.WriteAllText(path, """{"type":"Feature"}""");

        var e = Assert.Throws<Core.InputException>(() => Atlas.Load(path, null));

        Assert.Contains("FeatureCollection", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Atlas_UnknownControlAreaId_ListsTheKnownIds()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => TestData.Atlas.Area("kosovo-north"));

        Assert.Contains("crimea", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regions_NamingAStateTheAtlasLacks_AreRejected()
    {
        var path = Path.Combine(_directory, "regions.json");
        File.WriteAllText(path, """
            {"regions":[{"id":"far-east","name":"Far East","members":["JPN"],"confidence":"uncertain","note":"test",
              "sources":[{"title":"t","publisher":"p","url":"https://example.org","date":"2026"}]}]}
            """);

        var e = Assert.Throws<Core.InputException>(() => Regions.Load(path, TestData.Atlas));

        Assert.StartsWith("region 'far-east'" + ": ", e.Problem, StringComparison.Ordinal);
        Assert.Contains("JPN", e.Problem, StringComparison.Ordinal);
    }

    private static string CountriesPath => Path.Combine(TestData.GeoDirectory, Atlas.CountriesFileName);

    private static string Area(string id, string within, string ring) =>
        $$$"""
        {"type":"Feature","id":"{{{id}}}",
         "properties":{"name":"Test","within":"{{{within}}}","accuracy_km":1,"method":"test","source":"test",
               "confidence":"uncertain","extra":0},
         "geometry":{"type":"Polygon","coordinates":[{{{ring}}}]}}
        """;

    private string WriteAreas(params string[] features)
    {
        var path = Path.Combine(_directory, "control-areas.geojson");
        File.WriteAllText(path, $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""");
        return path;
    }
}
