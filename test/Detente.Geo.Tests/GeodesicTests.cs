using System.Globalization;
using Detente.Core;

namespace Detente.Geo.Tests;

public sealed class GeodesicTests
{
    public static TheoryData<string> Lines() => new(GeodesicVector.All().Select(v => v.Source));

    [Theory]
    [MemberData(nameof(Lines))]
    public void Inverse_PublishedLine_MatchesPublishedDistanceAndAzimuths(string source)
    {
        var v = GeodesicVector.Named(source);

        var result = Geodesic.Inverse(v.From, v.To);

        Assert.InRange(result.Metres, v.Metres - v.ToleranceMetres, v.Metres + v.ToleranceMetres);
        if (v.InitialAzimuth is { } azi1 && v.FinalAzimuth is { } azi2 && v.Metres > 1)
        {
            Assert.InRange(AngleDifference(result.InitialAzimuth, azi1), 0, 1e-5);
            Assert.InRange(AngleDifference(result.FinalAzimuth, azi2), 0, 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Direct_PublishedLine_ReachesPublishedEndPoint(string source)
    {
        var v = GeodesicVector.Named(source);
        if (v.InitialAzimuth is not { } azi1 || v.Metres < 1 || v.ToleranceMetres > 0.01)
        {
            return; // Lines published to 0.5 m (azimuths to 1e-5 degrees) or without azimuths only check the inverse.
        }

        var result = Geodesic.Direct(v.From, azi1, v.Metres);

        // 1e-8 degrees is about 1 mm.
        Assert.InRange(result.Destination.Latitude - v.To.Latitude, -1e-8, 1e-8);
        Assert.InRange(AngleDifference(result.Destination.Longitude, v.To.Longitude), 0, 1e-8);
        Assert.InRange(AngleDifference(result.FinalAzimuth, v.FinalAzimuth!.Value), 0, 1e-6);
    }

    [Fact]
    public void Distance_FlindersPeakToBuninyong_MatchesPublishedToTheMillimetre()
    {
        var v = GeodesicVector.Named("GA Flinders Peak-Buninyong");

        var metres = Geodesic.DistanceMetres(v.From, v.To);

        Assert.Equal(54_972.271, metres, 0.0005);
    }

    [Fact]
    public void Inverse_SamePoint_IsZero()
    {
        var p = new GeoPoint(54.63, 21.83);

        Assert.Equal(0, Geodesic.Inverse(p, p).Metres);
    }

    [Fact]
    public void Inverse_ExactlyAntipodalPoles_IsHalfTheMeridian()
    {
        // Half the WGS84 meridian is 20 003 931.4586 m (GeographicLib; also GeodSolve33c above).
        var metres = Geodesic.DistanceMetres(new GeoPoint(90, 0), new GeoPoint(-90, 0));

        Assert.Equal(20_003_931.4586, metres, 0.001);
    }

    [Fact]
    public void Inverse_IsSymmetric_AndSwapsAzimuths()
    {
        var a = new GeoPoint(52.2297, 21.0122);
        var b = new GeoPoint(55.7558, 37.6173);

        var ab = Geodesic.Inverse(a, b);
        var ba = Geodesic.Inverse(b, a);

        Assert.Equal(ab.Metres, ba.Metres, 1e-6);
        Assert.InRange(AngleDifference(ab.InitialAzimuth, ba.FinalAzimuth + 180), 0, 1e-9);
    }

    [Fact]
    public void Direct_ThenInverse_ReturnsTheLength()
    {
        var random = new Random(20211217);
        for (var i = 0; i < 2000; i++)
        {
            var start = new GeoPoint(random.NextDouble() * 178 - 89, random.NextDouble() * 360 - 180);
            var azimuth = random.NextDouble() * 360 - 180;
            var metres = random.NextDouble() * 19_900_000;

            var end = Geodesic.Direct(start, azimuth, metres).Destination;

            Assert.Equal(metres, Geodesic.DistanceMetres(start, end), 0.001);
        }
    }

    [Fact]
    public void Direct_NegativeLength_TravelsBackwardsAlongTheSameGeodesic()
    {
        var start = new GeoPoint(54.63, 21.83);

        var backwards = Geodesic.Direct(start, 40, -300_000).Destination;
        var reversed = Geodesic.Direct(start, 220, 300_000).Destination;

        Assert.Equal(reversed.Latitude, backwards.Latitude, 1e-9);
        Assert.Equal(reversed.Longitude, backwards.Longitude, 1e-9);
    }

    [Fact]
    public void Inverse_VincentyIterationAndBisection_AgreeToAMillimetre()
    {
        var random = new Random(1975);
        for (var i = 0; i < 3000; i++)
        {
            // Half the pairs near the switch between the methods (longitude differences around 177 degrees).
            var lat1 = random.NextDouble() * 178 - 89;
            var lat2 = random.NextDouble() * 178 - 89;
            var lon2 = i % 2 == 0 ? random.NextDouble() * 360 - 180 : 175 + random.NextDouble() * 4;

            var vincenty = Ellipsoid.Wgs84.Inverse(lat1, 0, lat2, lon2);
            var bisection = Ellipsoid.Wgs84.InverseByBisection(lat1, 0, lat2, lon2);

            Assert.Equal(bisection.Metres, vincenty.Metres, 0.001);
        }
    }

    [Fact]
    public void SphericalDistance_IsWithinItsStatedBoundOfTheGeodesic()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var a = new GeoPoint(random.NextDouble() * 180 - 90, random.NextDouble() * 360 - 180);
            var b = new GeoPoint(random.NextDouble() * 180 - 90, random.NextDouble() * 360 - 180);
            var geodesic = Geodesic.DistanceMetres(a, b);

            var spherical = Geodesic.SphericalDistanceMetres(a, b);

            Assert.InRange(spherical, geodesic * (1 - Geodesic.SphericalRelativeError), geodesic * (1 + Geodesic.SphericalRelativeError));
        }
    }

    private static double AngleDifference(double a, double b) => Math.Abs(Geodesic.NormaliseDegrees(a - b));
}

/// <summary>One published geodesic from Data/geodesic-vectors.txt.</summary>
internal sealed record GeodesicVector(
    GeoPoint From, double? InitialAzimuth, GeoPoint To, double? FinalAzimuth, double Metres, double ToleranceMetres, string Source)
{
    private static readonly Lazy<IReadOnlyList<GeodesicVector>> Vectors = new(Read);

    public static IReadOnlyList<GeodesicVector> All() => Vectors.Value;

    public static GeodesicVector Named(string source) => All().Single(v => v.Source == source);

    private static IReadOnlyList<GeodesicVector> Read()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "geodesic-vectors.txt");
        var vectors = new List<GeodesicVector>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('|', 2);
            var f = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double? Optional(string s) => s == "-" ? null : Number(s);
            vectors.Add(new GeodesicVector(
                new GeoPoint(Number(f[0]), Geodesic.NormaliseDegrees(Number(f[1]))),
                Optional(f[2]),
                new GeoPoint(Number(f[3]), Geodesic.NormaliseDegrees(Number(f[4]))),
                Optional(f[5]),
                Number(f[6]),
                Number(f[7]),
                parts[1].Trim()));
        }

        return vectors;
    }

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
