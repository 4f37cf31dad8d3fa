using System.Text;
using Detente.Core;
using Detente.Verification.Observations;

namespace Detente.Verification.Tests.Observations;

/// <summary>Source ids of observation rows: known, declared in a GeoJSON file, or a located error.</summary>
public sealed class ObservationSourcesTests
{
    private static readonly ObservationSources Known = new(["politico-2022-02-03", "wapo-2022-02-16"]);

    private const string Header = "time,area,party,what,count,source,confidence,observer\n";

    [Fact]
    public void ParseCsv_KnownSources_Accepted()
    {
        var rows = ObservationFile.ParseCsv("f.csv", Encoding.UTF8.GetBytes(Header
            + "2022-02-03,BLR,RUS,troops,30000,politico-2022-02-03,verified,NATO\n2022-02-16,RUS,RUS,troops,150000,wapo-2022-02-16,verified,USA\n"
            + "2022-02-17,RUS,RUS,troops,150000,wapo-2022-02-16,verified,NATO\n"), null, sources: Known);
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public void ParseCsv_UnknownSource_NamesLineColumnAndTheNearestId()
    {
        var e = Assert.Throws<InputException>(() => ObservationFile.ParseCsv("f.csv", Encoding.UTF8.GetBytes(Header
            + "2022-02-03,BLR,RUS,troops,30000,politico-2022-02-03,verified,NATO\n2022-02-16,RUS,RUS,troops,150000,wapo-2022-02-61,verified,USA\n"),
            null, sources: Known));
        Assert.Equal(3, e.Location.Line);
        Assert.Equal(6, e.Location.Column);
        Assert.Equal("source", e.Field);
        Assert.Contains("did you mean 'wapo-2022-02-16'?", e.Message);
    }

    [Fact]
    public void ParseCsv_WithoutASourceSet_AcceptsAnyId()
    {
        var rows = ObservationFile.ParseCsv("f.csv", Encoding.UTF8.GetBytes(Header + "2022-02-03,BLR,RUS,troops,30000,anything,verified,NATO\n"), null);
        Assert.Equal(1, rows.Count);
    }

    private static string Geo(string sourceOfRow, string declared) =>
        "{\"type\": \"FeatureCollection\", \"features\": [\n"
        + "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"time\": \"2022-02-18\", \"area\": \"BLR\", \"party\": \"RUS\", \"what\": \"troops\", "
        + "\"count\": 1, \"source\": \"" + sourceOfRow + "\", \"confidence\": \"uncertain\", \"observer\": \"NATO\"}}],\n"
        + "\"sources\": [" + declared + "]}\n";

    private const string Declared =
        "{\"id\": \"sat-1\", \"title\": \"Satellite images\", \"publisher\": \"Example monitor\", \"date\": \"2022-02-18\", \"url\": null, \"kind\": \"dataset\"}";

    [Fact]
    public void GeoJson_SourceDeclaredAfterTheFeatures_AcceptedAndKept()
    {
        var path = Path.Combine(Path.GetTempPath(), $"obs-{Guid.NewGuid():N}.geojson");
        File.WriteAllText(path, Geo("sat-1", Declared));
        try
        {
            var rows = ObservationFile.Read(path, null, sources: Known);
            Assert.Equal(1, rows.Count);
            var source = Assert.Single(rows.DeclaredSources);
            Assert.Equal("sat-1", source.Id.Value);
            Assert.Equal(Core.SourceKind.Dataset, source.Kind);
            Assert.Null(source.Url);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("sat-2", Declared, "unknown source 'sat-2'")]
    [InlineData("sat-1", "{\"id\": \"sat-1\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022\", \"kind\": \"imagery\"}", "kind 'imagery'")]
    [InlineData("sat-1", "{\"id\": \"sat-1\", \"publisher\": \"p\", \"date\": \"2022\", \"kind\": \"dataset\"}", "has no 'title'")]
    [InlineData("sat-1", Declared + ", " + Declared, "'sat-1' is declared twice")]
    [InlineData("sat-1", "\"sat-1\"", "must be an object")]
    public void GeoJson_BadOrMissingDeclaration_LocatedError(string rowSource, string declared, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"obs-{Guid.NewGuid():N}.geojson");
        File.WriteAllText(path, Geo(rowSource, declared));
        try
        {
            var e = Assert.Throws<InputException>(() => ObservationFile.Read(path, null, sources: Known));
            Assert.Contains(expected, e.Message);
            Assert.True(e.Location.Column > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
