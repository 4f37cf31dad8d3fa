using System.Security.Cryptography;
using System.Text;
using Detente.Core;
using Detente.Verification.Observations;
using Xunit;

namespace Detente.Verification.Tests.Observations;

public class ObservationFileTests
{
    private const string Header = "time,lat,lon,area,party,what,count,low,high,source,confidence,observer";

    private static ObservationRows Csv(string text, string? monitor = "NATO") => ObservationFile.ParseCsv("f.csv", Encoding.UTF8.GetBytes(text), monitor);

    private static InputException Bad(string text) => Assert.Throws<InputException>(() => Csv(text));

    [Fact]
    public void Parse_ValidCsv_WritesCanonicalRowsInOrder()
    {
        var rows = Csv(Header + "\n2022-02-03,,,BLR,RUS,troops,30000,,,politico-2022-02-03,verified,NATO\n"
                       + "2022-02-15T10:00:00Z,50.45,30.5234567,,RUS,\"T-72, tanks\",12,10,14,src,uncertain,\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal("{\"area\":\"BLR\",\"confidence\":\"verified\",\"count\":30000,\"high\":30000,\"low\":30000,\"observer\":\"NATO\",\"party\":\"RUS\","
                     + "\"source\":\"politico-2022-02-03\",\"time\":\"2022-02-03\",\"what\":\"troops\"}", Encoding.UTF8.GetString(rows.Row(0)));
        Assert.Contains("\"lat\":50.45,\"lon\":30.523457", Encoding.UTF8.GetString(rows.Row(1)));
        Assert.Contains("\"what\":\"T-72, tanks\"", Encoding.UTF8.GetString(rows.Row(1)));
        Assert.Equal(3, rows.SourceRow(1));
    }

    [Fact]
    public void Digest_IsSha256OfCanonicalJsonLines()
    {
        var rows = Csv(Header + "\n2022-02-03,,,BLR,RUS,troops,30000,,,s,verified,NATO\n2022-02-04,,,BLR,RUS,troops,31000,,,s,verified,NATO\n");
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(rows.Row(0)) + "\n" + Encoding.UTF8.GetString(rows.Row(1)) + "\n")));
        Assert.Equal(expected, rows.Digest(0, 2));
    }

    [Fact]
    public void Parse_PlusMinus_GivesLowAndHigh()
    {
        var rows = Csv("time,area,party,what,count,plusminus,source,confidence\n2022-02-03,BLR,RUS,troops,30000,5000,s,verified\n");
        Assert.Contains("\"count\":30000,\"high\":35000,\"low\":25000", Encoding.UTF8.GetString(rows.Row(0)));
    }

    [Theory]
    [InlineData("time,area,party,what,source,confidence\n", 1, "count")] // missing column
    [InlineData("time,party,what,count,source,confidence\n", 1, "area")] // no place column
    [InlineData("time,area,party,what,count,source,confidence,colour\n", 1, "colour")] // unknown column
    public void Parse_BadHeader_NamesColumn(string text, long row, string field)
    {
        var e = Bad(text);
        Assert.Equal(row, e.Location.Line);
        Assert.Equal(field, e.Field);
    }

    [Theory]
    [InlineData("2022-02-31,,,BLR,RUS,troops,1,,,s,verified,NATO", 1)] // impossible date
    [InlineData("3 Feb 2022,,,BLR,RUS,troops,1,,,s,verified,NATO", 1)] // unparseable date
    [InlineData("2022-02-03,,,BLR,RUS,troops,many,,,s,verified,NATO", 7)] // unparseable number
    [InlineData("2022-02-03,,,BLR,RUS,troops,-5,,,s,verified,NATO", 7)] // negative count
    [InlineData("2022-02-03,91,30,,RUS,troops,1,,,s,verified,NATO", 2)] // latitude outside the world
    [InlineData("2022-02-03,50,-181,,RUS,troops,1,,,s,verified,NATO", 3)] // longitude outside the world
    [InlineData("2022-02-03,50,,,RUS,troops,1,,,s,verified,NATO", 3)] // half a point
    [InlineData("2022-02-03,,,BLR,RUS,troops,1,,,s,sure,NATO", 11)] // unknown confidence
    [InlineData("2022-02-03,,,BLR,rus,troops,1,,,s,verified,NATO", 5)] // bad party code
    [InlineData("2022-02-03,,,BLR,RUS,troops,10,12,,s,verified,NATO", 8)] // low above count
    [InlineData("2022-02-03,,,BLR,RUS,troops,1,,,s,verified", 11)] // too few fields
    public void Parse_BadField_NamesRowAndColumn(string line, int column)
    {
        var e = Bad(Header + "\n2022-02-01,,,BLR,RUS,troops,1,,,s,verified,NATO\n" + line + "\n");
        Assert.Equal(3, e.Location.Line);
        Assert.Equal(column, e.Location.Column);
        Assert.StartsWith("f.csv:3:", e.Message);
    }

    [Fact]
    public void Parse_DuplicateRow_NamesBothRows()
    {
        var e = Bad(Header + "\n2022-02-01,,,BLR,RUS,troops,1,,,s,verified,NATO\n2022-02-02,,,BLR,RUS,troops,1,,,s,verified,NATO\n"
                    + "2022-02-01,,,BLR,RUS,troops,1,,,s,verified,NATO\n");
        Assert.Equal(4, e.Location.Line);
        Assert.Contains("duplicate of row 2", e.Message);
    }

    [Fact]
    public void Parse_BomWithLatin1Bytes_ReportsMixedEncodingAtRowAndColumn()
    {
        var text = Encoding.UTF8.GetBytes(Header + "\n2022-02-01,,,BLR,RUS,troops,1,,,s,verified,NATO\n2022-02-02,,,BLR,RUS,troops,1,,,Minsk ");
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. text, 0xE9, .. Encoding.UTF8.GetBytes(",verified,NATO\n")];
        var e = Assert.Throws<InputException>(() => ObservationFile.ParseCsv("f.csv", bytes, "NATO"));
        Assert.Equal(3, e.Location.Line);
        Assert.Contains("mixes encodings", e.Message);
        Assert.Equal("2022-02-02,,,BLR,RUS,troops,1,,,Minsk ".Length + 1, e.Location.Column);
    }

    [Fact]
    public void Parse_InvalidUtf8WithoutBom_IsRejected()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Header + "\n2022-02-01,,,BLR,RUS,troops,1,,,s"), 0xFF, .. Encoding.UTF8.GetBytes(",verified,NATO\n")];
        var e = Assert.Throws<InputException>(() => ObservationFile.ParseCsv("f.csv", bytes, "NATO"));
        Assert.Equal(2, e.Location.Line);
        Assert.Contains("not UTF-8", e.Message);
    }

    [Fact]
    public void Parse_LargeFileInParallel_KeepsOrderAndLineNumbers()
    {
        var sb = new StringBuilder(Header + "\n");
        for (var i = 0; i < 20000; i++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"2022-02-01,,,BLR,RUS,troops,{i},,,s,verified,NATO\n");
        }

        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        var parallel = ObservationFile.ParseCsv("f.csv", bytes, null, 4);
        var serial = ObservationFile.ParseCsv("f.csv", bytes, null, 1);
        Assert.Equal(20000, parallel.Count);
        Assert.Equal(serial.Digest(0, serial.Count), parallel.Digest(0, parallel.Count));
        Assert.Equal(20001, parallel.SourceRow(19999));

        var broken = Encoding.UTF8.GetBytes(sb.ToString().Replace("troops,19999,", "troops,-1,", StringComparison.Ordinal));
        var e = Assert.Throws<InputException>(() => ObservationFile.ParseCsv("f.csv", broken, null, 4));
        Assert.Equal(20001, e.Location.Line);
    }

    [Fact]
    public void GeoJson_ValidAndBadFeatures()
    {
        const string Ok = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"Point","coordinates":[30.5,50.45]},"properties":{"time":"2022-02-03","party":"RUS","what":"troops","count":800,"source":"s","confidence":"uncertain"}},
             {"type":"Feature","geometry":null,"properties":{"time":"2022-02-03","area":"BLR","party":"RUS","what":"troops","count":30000,"source":"s","confidence":"verified"}}
            ]}
            """;
        var rows = GeoJsonObservations.Parse("g.geojson", Encoding.UTF8.GetBytes(Ok), "NATO");
        Assert.Equal(2, rows.Count);
        Assert.Contains("\"lat\":50.45,\"lon\":30.5", Encoding.UTF8.GetString(rows.Row(0)));

        var e = Assert.Throws<InputException>(() => GeoJsonObservations.Parse("g.geojson", Encoding.UTF8.GetBytes(Ok.Replace("30000", "-3", StringComparison.Ordinal)), "NATO"));
        Assert.Equal("feature 2, count", e.First.Place);
        Assert.Equal("count", e.Field);
        e = Assert.Throws<InputException>(() => GeoJsonObservations.Parse("g.geojson", Encoding.UTF8.GetBytes(Ok.Replace("[30.5,50.45]", "[30.5,95]", StringComparison.Ordinal)), "NATO"));
        Assert.Equal("feature 1, lat", e.First.Place);
        Assert.Equal("lat", e.Field);
        e = Assert.Throws<InputException>(() => GeoJsonObservations.Parse("g.geojson", Encoding.UTF8.GetBytes(Ok.Replace("\"count\":800,", "", StringComparison.Ordinal)), "NATO"));
        Assert.Equal("count", e.Field);
        e = Assert.Throws<InputException>(() => GeoJsonObservations.Parse("g.geojson", Encoding.UTF8.GetBytes(Ok.Replace("2022-02-03\",\"area", "Feb\",\"area", StringComparison.Ordinal)), "NATO"));
        Assert.Equal("time", e.Field);
        Assert.Contains(":3:", e.Message);
    }

    [Fact]
    public void Parse_Where_IsWrittenLastInCanonicalOrder_AndRowsWithoutItKeepTheirBytes()
    {
        var with = Csv("time,area,party,what,count,source,confidence,where\n"
                       + "2022-02-05,RUS,RUS,troops,130000,s,uncertain,near Ukraine's borders\n"
                       + "2022-02-06,RUS,RUS,troops,130000,s,uncertain,\n"
                       + "2022-02-07,RUS,RUS,troops,130000,s,uncertain,\"Kursk, Bryansk and Belgorod regions\"\n");
        Assert.EndsWith(",\"what\":\"troops\",\"where\":\"near Ukraine's borders\"}", Encoding.UTF8.GetString(with.Row(0)));
        Assert.Contains("\"where\":\"Kursk, Bryansk and Belgorod regions\"", Encoding.UTF8.GetString(with.Row(2)));

        // An empty 'where' is absent: the row is the same bytes as in a file without the column.
        var without = Csv("time,area,party,what,count,source,confidence\n2022-02-06,RUS,RUS,troops,130000,s,uncertain\n");
        Assert.Equal(Encoding.UTF8.GetString(without.Row(0)), Encoding.UTF8.GetString(with.Row(1)));
    }

    [Theory]
    [InlineData("12")] // a number is no place
    [InlineData("-")] // nor a lone mark
    [InlineData("\" near the border\"")] // a space at the start
    [InlineData("\"near the border \"")] // a space at the end
    [InlineData("near\u0007the border")] // a control character
    public void Parse_MalformedWhere_NamesRowAndColumn(string where)
    {
        var e = Bad("time,area,party,what,count,source,confidence,where\n2022-02-05,RUS,RUS,troops,1,s,verified,near\n"
                    + "2022-02-05,RUS,RUS,troops,1,s,verified," + where + "\n");
        Assert.Equal(3, e.Location.Line);
        Assert.Equal(8, e.Location.Column);
        Assert.Equal("where", e.Field);
        Assert.StartsWith("f.csv:3:8 (where): ", e.Message);
    }

    [Fact]
    public void Parse_WhereLongerThan120Characters_IsRejected_And120IsAccepted()
    {
        const string Head = "time,area,party,what,count,source,confidence,where\n2022-02-05,RUS,RUS,troops,1,s,verified,";
        Assert.Equal(1, Csv(Head + new string('é', 120) + "\n").Count);
        var e = Bad(Head + new string('é', 121) + "\n");
        Assert.Equal("where", e.Field);
        Assert.Contains("at most 120 characters", e.Message);
    }

    [Fact]
    public void GeoJson_Where_IsAPropertyLikeTheCsvColumn()
    {
        const string Text = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":null,"properties":{"time":"2022-02-15","area":"RUS","party":"RUS","what":"troops","count":150000,"source":"s","confidence":"verified","where":"near Ukraine's borders"}},
             {"type":"Feature","geometry":null,"properties":{"time":"2022-02-16","area":"RUS","party":"RUS","what":"troops","count":150000,"source":"s","confidence":"verified","where":7}}
            ]}
            """;
        var e = Assert.Throws<InputException>(() => GeoJsonObservations.Parse("g.geojson", Encoding.UTF8.GetBytes(Text), "NATO"));
        Assert.Equal("feature 2, where", e.First.Place);
        Assert.Equal("where", e.Field);
        var rows = GeoJsonObservations.Parse("g.geojson", Encoding.UTF8.GetBytes(Text.Replace("\"where\":7", "\"where\":null", StringComparison.Ordinal)), "NATO");
        Assert.EndsWith("\"where\":\"near Ukraine's borders\"}", Encoding.UTF8.GetString(rows.Row(0)));
        Assert.DoesNotContain("where", Encoding.UTF8.GetString(rows.Row(1)));
    }
}
