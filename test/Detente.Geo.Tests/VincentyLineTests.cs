using System.Globalization;
using Detente.Core;

namespace Detente.Geo.Tests;

public sealed class VincentyLineTests
{
    public static TheoryData<string> Lines() => new(Read().Select(l => l.Name));

    [Theory]
    [MemberData(nameof(Lines))]
    public void Inverse_Vincenty1975TestLine_MatchesPublishedDistanceToTheMillimetre(string name)
    {
        var line = Read().Single(l => l.Name == name);
        var ellipsoid = new Ellipsoid(line.A, line.InverseFlattening);

        var result = ellipsoid.Inverse(line.Lat1, 0, line.Lat2, line.Lon2);

        Assert.Equal(line.Metres, result.Metres, 0.0015);
        Assert.InRange(Math.Abs(Geodesic.NormaliseDegrees(result.InitialAzimuth - line.Azimuth1)), 0, 1e-6);
        Assert.InRange(Math.Abs(Geodesic.NormaliseDegrees(result.FinalAzimuth - line.Azimuth2)), 0, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Direct_Vincenty1975TestLine_ReachesThePublishedPoint(string name)
    {
        var line = Read().Single(l => l.Name == name);
        var ellipsoid = new Ellipsoid(line.A, line.InverseFlattening);

        var result = ellipsoid.Direct(new GeoPoint(line.Lat1, 0), line.Azimuth1, line.Metres);

        Assert.Equal(line.Lat2, result.Destination.Latitude, 1e-8);
        Assert.Equal(line.Lon2, result.Destination.Longitude, 1e-8);
    }

    private sealed record Line(
        string Name, double A, double InverseFlattening, double Lat1, double Lat2, double Lon2,
        double Azimuth1, double Azimuth2, double Metres);

    private static IEnumerable<Line> Read() =>
        File.ReadLines(TestData.File("vincenty-1975.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Select(f => new Line(f[0], Number(f[1]), Number(f[2]), Dms(f[3]), Dms(f[4]), Dms(f[5]), Dms(f[6]), Dms(f[7]), Number(f[8])));

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static double Dms(string s)
    {
        var negative = s.StartsWith('-');
        var parts = s.TrimStart('-').Split(':').Select(Number).ToArray();
        var degrees = parts[0] + parts[1] / 60 + parts[2] / 3600;
        return negative ? -degrees : degrees;
    }
}
