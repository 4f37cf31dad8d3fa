using BenchmarkDotNet.Attributes;
using Detente.Core;
using Detente.Geo;

namespace Detente.Benchmarks;

/// <summary>Random points in a box over Europe (35-71N, 11W-40E) and the atlas from data/geo.</summary>
internal static class GeoBenchmarkData
{
    public const int Points = 4096;

    private static readonly Lazy<Atlas> SharedAtlas = new(() => Atlas.LoadDirectory(FindGeoDirectory()));

    public static Atlas Atlas => SharedAtlas.Value;

    public static GeoPoint[] EuropePoints(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Points).Select(_ => new GeoPoint(35 + random.NextDouble() * 36, -11 + random.NextDouble() * 51))];
    }

    private static string FindGeoDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "geo");
            if (File.Exists(Path.Combine(candidate, Atlas.CountriesFileName)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No data/geo above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Which state's territory contains a point: the grid index over the 1:50m shapes.</summary>
[MemoryDiagnoser]
public class PointInTerritoryBenchmarks
{
    private Atlas _atlas = null!;
    private GeoPoint[] _points = [];

    /// <summary>Loads the atlas and the points.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _atlas = GeoBenchmarkData.Atlas;
        _points = GeoBenchmarkData.EuropePoints(1);
    }

    /// <summary>One lookup per point; returns how many points are on some state's land.</summary>
    [Benchmark(OperationsPerInvoke = GeoBenchmarkData.Points)]
    public int TerritoryAt()
    {
        var onLand = 0;
        foreach (var p in _points)
        {
            if (_atlas.TerritoryAt(p) is not null)
            {
                onLand++;
            }
        }

        return onLand;
    }

    /// <summary>One control-area lookup per point; returns how many areas were found.</summary>
    [Benchmark(OperationsPerInvoke = GeoBenchmarkData.Points)]
    public int AreasAt()
    {
        var found = 0;
        foreach (var p in _points)
        {
            found += _atlas.AreasAt(p).Count;
        }

        return found;
    }
}

/// <summary>Geodesic distance from a point to a state's territory.</summary>
[MemoryDiagnoser]
public class DistanceToTerritoryBenchmarks
{
    private Atlas _atlas = null!;
    private GeoPoint[] _points = [];
    private PartyId _state;

    /// <summary>The state measured to: a mid-sized one, the largest, a small one, and one with territory on several continents.</summary>
    [Params("POL", "RUS", "LTU", "FRA")]
    public string State { get; set; } = "POL";

    /// <summary>Loads the atlas and the points.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _atlas = GeoBenchmarkData.Atlas;
        _points = GeoBenchmarkData.EuropePoints(2);
        _state = new PartyId(State);
    }

    /// <summary>One distance per point; returns their sum in km.</summary>
    [Benchmark(OperationsPerInvoke = GeoBenchmarkData.Points)]
    public double DistanceToTerritory()
    {
        var sum = 0.0;
        foreach (var p in _points)
        {
            sum += _atlas.DistanceToTerritory(p, _state);
        }

        return sum;
    }
}

/// <summary>The geodesic problems on WGS84, and the spherical estimate, between random pairs of European points.</summary>
[MemoryDiagnoser]
public class GeodesicBenchmarks
{
    private GeoPoint[] _from = [];
    private GeoPoint[] _to = [];

    /// <summary>Makes the pairs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _from = GeoBenchmarkData.EuropePoints(3);
        _to = GeoBenchmarkData.EuropePoints(4);
    }

    /// <summary>Inverse problem per pair; returns the summed length in metres.</summary>
    [Benchmark(OperationsPerInvoke = GeoBenchmarkData.Points)]
    public double Inverse()
    {
        var sum = 0.0;
        for (var i = 0; i < _from.Length; i++)
        {
            sum += Geodesic.Inverse(_from[i], _to[i]).Metres;
        }

        return sum;
    }

    /// <summary>Direct problem per point (500 km on a varying azimuth); returns the summed latitude.</summary>
    [Benchmark(OperationsPerInvoke = GeoBenchmarkData.Points)]
    public double Direct()
    {
        var sum = 0.0;
        for (var i = 0; i < _from.Length; i++)
        {
            sum += Geodesic.Direct(_from[i], i % 360, 500_000).Destination.Latitude;
        }

        return sum;
    }

    /// <summary>Haversine distance per pair; returns the summed length in metres.</summary>
    [Benchmark(OperationsPerInvoke = GeoBenchmarkData.Points)]
    public double Spherical()
    {
        var sum = 0.0;
        for (var i = 0; i < _from.Length; i++)
        {
            sum += Geodesic.SphericalDistanceMetres(_from[i], _to[i]);
        }

        return sum;
    }
}
