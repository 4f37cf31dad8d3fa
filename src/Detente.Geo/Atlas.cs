using System.Collections.Immutable;
using System.Text.Json;
using Detente.Core;

namespace Detente.Geo;

/// <summary>
/// The map Detente reasons over: states' recognised territories and named control areas, loaded from GeoJSON,
/// with indexes for point location, geodesic distance to a territory, reach and border zones.
/// </summary>
/// <remarks>An atlas is immutable once loaded and safe to query from many threads.</remarks>
public sealed class Atlas
{
    /// <summary>File name of the country shapes in the data directory.</summary>
    public const string CountriesFileName = "countries-50m.geojson";

    /// <summary>File name of the control areas in the data directory.</summary>
    public const string ControlAreasFileName = "control-areas.geojson";

    private const double TerritoryCellDegrees = 0.25;
    private const double AreaCellDegrees = 0.05;

    // A third state's territory is looked at closely when the border's vertices come this much closer than the
    // zone's width plus the longest border edge could hide.
    private const double BorderSearchMarginKm = 30;

    [ThreadStatic]
    private static List<int>? _found;

    private readonly Dictionary<PartyId, int> _stateIndex;
    private readonly Dictionary<string, int> _areaIndex;
    private readonly PolygonGrid _territoryGrid;
    private readonly PolygonGrid _areaGrid;
    private readonly EdgeIndex[] _territoryEdges;

    private Atlas(ImmutableArray<Territory> territories, ImmutableArray<ControlArea> areas)
    {
        Territories = territories;
        ControlAreas = areas;
        _stateIndex = territories.Select((t, i) => (t.State, i)).ToDictionary(x => x.State, x => x.i);
        _areaIndex = areas.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _territoryGrid = new PolygonGrid([.. territories.Select(t => t.Shape)], TerritoryCellDegrees);
        _areaGrid = new PolygonGrid([.. areas.Select(a => a.Shape)], AreaCellDegrees);
        _territoryEdges = [.. territories.Select(t => EdgeIndex.Of(t.Shape))];
    }

    /// <summary>Every state's territory, in file order.</summary>
    public ImmutableArray<Territory> Territories { get; }

    /// <summary>Every control area, in file order.</summary>
    public ImmutableArray<ControlArea> ControlAreas { get; }

    /// <summary>
    /// Loads <see cref="CountriesFileName"/> and <see cref="ControlAreasFileName"/> from a directory (normally <c>data/geo</c>).
    /// </summary>
    /// <exception cref="InputException">A file is missing, malformed or invalid.</exception>
    public static Atlas LoadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return Load(Path.Combine(directory, CountriesFileName), Path.Combine(directory, ControlAreasFileName));
    }

    /// <summary>Loads country shapes and, optionally, control areas.</summary>
    /// <param name="countriesPath">A FeatureCollection whose features have <c>properties.a3</c> and <c>properties.name</c>.</param>
    /// <param name="controlAreasPath">
    /// A FeatureCollection whose features have an <c>id</c> and the properties <c>name</c>, <c>within</c>,
    /// <c>accuracy_km</c>, <c>method</c>, <c>source</c> and <c>confidence</c>; or null for none.
    /// </param>
    /// <exception cref="InputException">
    /// A file is missing, malformed or invalid; the message names the file, the feature and the problem.
    /// </exception>
    public static Atlas Load(string countriesPath, string? controlAreasPath)
    {
        ArgumentNullException.ThrowIfNull(countriesPath);
        var territories = ReadTerritories(countriesPath);
        var known = territories.Select(t => t.State).ToHashSet();
        var areas = controlAreasPath is null ? [] : ReadControlAreas(controlAreasPath, known);
        return new Atlas(territories, areas);
    }

    /// <summary>True when the atlas has a territory for the state.</summary>
    public bool HasTerritory(PartyId state) => _stateIndex.ContainsKey(state);

    /// <summary>The state's territory.</summary>
    /// <exception cref="KeyNotFoundException">The atlas has no territory for the state.</exception>
    public Territory TerritoryOf(PartyId state) => Territories[IndexOf(state)];

    /// <summary>The control area with the id.</summary>
    /// <exception cref="KeyNotFoundException">No control area has the id; the message lists the known ids.</exception>
    public ControlArea Area(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _areaIndex.TryGetValue(id, out var i)
            ? ControlAreas[i]
            : throw new KeyNotFoundException(GeoMessages.NoControlArea(id, _areaIndex.Keys.Order(StringComparer.Ordinal)));
    }

    /// <summary>The state whose recognised territory contains the point, or null (sea, or a state not in the atlas).</summary>
    public PartyId? TerritoryAt(GeoPoint point)
    {
        var i = _territoryGrid.First(point.Longitude, point.Latitude);
        return i < 0 ? null : Territories[i].State;
    }

    /// <summary>Every control area containing the point, in file order (areas may overlap).</summary>
    public IReadOnlyList<ControlArea> AreasAt(GeoPoint point)
    {
        var found = _found ??= [];
        found.Clear();
        _areaGrid.All(point.Longitude, point.Latitude, found);
        return found.Count == 0 ? [] : [.. found.Select(i => ControlAreas[i])];
    }

    /// <summary>True when the state's territory contains the point.</summary>
    public bool IsInTerritory(GeoPoint point, PartyId state) =>
        _territoryGrid.Contains(IndexOf(state), point.Longitude, point.Latitude);

    /// <summary>
    /// Geodesic distance in kilometres on WGS84 from the point to the nearest point of the state's territory; 0 inside it.
    /// </summary>
    /// <remarks>Accurate to well under a kilometre against the shapes (which are themselves 1:50m, about 1 km).</remarks>
    /// <exception cref="KeyNotFoundException">The atlas has no territory for the state.</exception>
    public double DistanceToTerritory(GeoPoint point, PartyId state) => Distance(point, IndexOf(state), double.PositiveInfinity);

    /// <summary>Every state with territory within <paramref name="rangeKm"/> of the origin, nearest first.</summary>
    public Reach Reach(GeoPoint origin, double rangeKm)
    {
        if (!(rangeKm >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(rangeKm), rangeKm, "Range must be a number of kilometres >= 0.");
        }

        var found = new List<StateDistance>();
        for (var i = 0; i < Territories.Length; i++)
        {
            if (_territoryEdges[i].LowerBoundKm(origin) > rangeKm)
            {
                continue;
            }

            var km = Distance(origin, i, rangeKm);
            if (km <= rangeKm)
            {
                found.Add(new StateDistance(Territories[i].State, km));
            }
        }

        return new Reach(origin, rangeKm, [.. found.OrderBy(s => s.Kilometres).ThenBy(s => s.State)]);
    }

    /// <summary>
    /// The zone within <paramref name="widthKm"/> of the land border between two disjoint sets of states. Alliances
    /// are not expanded here: pass the member states at the date of interest.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A state has no territory in the atlas.</exception>
    /// <exception cref="ArgumentException">A side is empty, the sides overlap, or the width is negative.</exception>
    public BorderZone BorderZone(IEnumerable<PartyId> sideA, IEnumerable<PartyId> sideB, double widthKm)
    {
        ArgumentNullException.ThrowIfNull(sideA);
        ArgumentNullException.ThrowIfNull(sideB);
        ImmutableArray<PartyId> a = [.. sideA.Distinct().Order()], b = [.. sideB.Distinct().Order()];
        if (a.IsEmpty || b.IsEmpty || a.Intersect(b).Any())
        {
            throw new ArgumentException("A border zone needs two non-empty sets of states with no state in both.", nameof(sideB));
        }

        if (!double.IsFinite(widthKm) || widthKm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(widthKm), widthKm, "Width must be a finite number of kilometres >= 0.");
        }

        var onA = new HashSet<EdgeKey>();
        foreach (var state in a)
        {
            foreach (var key in EdgeKeys(Territories[IndexOf(state)].Shape))
            {
                onA.Add(key);
            }
        }

        var shared = new List<(double Lat1, double Lon1, double Lat2, double Lon2)>();
        var onBorder = new HashSet<PartyId>();
        foreach (var state in b)
        {
            // In ring order and direction, so the border's edges form chains for the distance search.
            foreach (var ring in Territories[IndexOf(state)].Shape.Rings)
            {
                for (var i = 0; i < ring.EdgeCount; i++)
                {
                    double lon1 = ring.Longitudes[i], lat1 = ring.Latitudes[i], lon2 = ring.Longitudes[i + 1], lat2 = ring.Latitudes[i + 1];
                    if (onA.Contains(EdgeKey.Undirected(lon1, lat1, lon2, lat2)))
                    {
                        shared.Add((lat1, lon1, lat2, lon2));
                        onBorder.Add(state);
                    }
                }
            }
        }

        var sharedSet = shared.Select(e => EdgeKey.Undirected(e.Lon1, e.Lat1, e.Lon2, e.Lat2)).ToHashSet();
        foreach (var state in a)
        {
            if (EdgeKeys(Territories[IndexOf(state)].Shape).Any(sharedSet.Contains))
            {
                onBorder.Add(state);
            }
        }

        var border = EdgeIndex.Of(shared);
        var length = shared.Sum(e => Geodesic.Inverse(e.Lat1, e.Lon1, e.Lat2, e.Lon2).Metres) / 1000;
        var covers = new List<StateDistance>();
        if (shared.Count > 0)
        {
            var borderVertices = shared
                .SelectMany(e => new[] { new GeoPoint(e.Lat1, e.Lon1), new GeoPoint(e.Lat2, e.Lon2) })
                .Distinct()
                .ToList();
            for (var i = 0; i < Territories.Length; i++)
            {
                var territory = Territories[i];
                if (onBorder.Contains(territory.State))
                {
                    covers.Add(new StateDistance(territory.State, 0));
                    continue;
                }

                var km = DistanceBetween(borderVertices, border, i, widthKm);
                if (km <= widthKm)
                {
                    covers.Add(new StateDistance(territory.State, km));
                }
            }
        }

        return new BorderZone(a, b, widthKm, length, border, [.. covers.OrderBy(c => c.Kilometres).ThenBy(c => c.State)]);
    }

    private double DistanceBetween(List<GeoPoint> borderVertices, EdgeIndex border, int territory, double widthKm)
    {
        // The nearest points of two sets of non-crossing segments include a vertex of one of them, so measuring
        // border vertices to the territory and territory vertices to the border finds the distance.
        var nearest = double.PositiveInfinity;
        var edges = _territoryEdges[territory];
        foreach (var v in borderVertices)
        {
            if (edges.LowerBoundKm(v) <= widthKm + BorderSearchMarginKm)
            {
                nearest = Math.Min(nearest, Distance(v, territory, widthKm + BorderSearchMarginKm));
            }
        }

        if (double.IsPositiveInfinity(nearest))
        {
            return nearest;
        }

        var shape = Territories[territory].Shape;
        foreach (var ring in shape.Rings)
        {
            for (var k = 0; k < ring.EdgeCount; k++)
            {
                var v = new GeoPoint(ring.Latitudes[k], ring.Longitudes[k]);
                nearest = Math.Min(nearest, border.DistanceKm(v, Math.Min(nearest, widthKm)));
            }
        }

        foreach (var p in shape.Points)
        {
            nearest = Math.Min(nearest, border.DistanceKm(p, widthKm));
        }

        return nearest;
    }

    private double Distance(GeoPoint point, int territory, double cutoffKm)
    {
        if (_territoryGrid.Contains(territory, point.Longitude, point.Latitude))
        {
            return 0;
        }

        return _territoryEdges[territory].DistanceKm(point, cutoffKm);
    }

    private int IndexOf(PartyId state) =>
        _stateIndex.TryGetValue(state, out var i) ? i : throw new KeyNotFoundException(GeoMessages.NoTerritory(state.Code ?? ""));

    private readonly record struct EdgeKey(double Lon1, double Lat1, double Lon2, double Lat2)
    {
        public static EdgeKey Undirected(double lon1, double lat1, double lon2, double lat2) =>
            (lon1, lat1).CompareTo((lon2, lat2)) <= 0 ? new EdgeKey(lon1, lat1, lon2, lat2) : new EdgeKey(lon2, lat2, lon1, lat1);
    }

    private static IEnumerable<EdgeKey> EdgeKeys(Shape shape)
    {
        foreach (var ring in shape.Rings)
        {
            for (var i = 0; i < ring.EdgeCount; i++)
            {
                yield return EdgeKey.Undirected(ring.Longitudes[i], ring.Latitudes[i], ring.Longitudes[i + 1], ring.Latitudes[i + 1]);
            }
        }
    }

    private static ImmutableArray<Territory> ReadTerritories(string path)
    {
        var root = GeoJsonFile.Load(path);
        var file = new GeoJsonFile(path);
        var territories = ImmutableArray.CreateBuilder<Territory>();
        var seen = new HashSet<PartyId>();
        foreach (var (feature, location) in file.Features(root))
        {
            var properties = file.Member(feature, "properties", location, "an object with 'a3' and 'name'");
            var state = file.State(properties, "a3", location);
            var name = file.String(properties, "name", location);
            if (!seen.Add(state))
            {
                throw GeoJsonFile.Fail(properties.Find("a3")!, location, GeoMessages.Duplicate("state", state.Code));
            }

            var shape = file.ReadShape(file.Member(feature, "geometry", location, "a geometry"), location, allowPoints: true);
            territories.Add(new Territory(state, name, shape));
        }

        return territories.ToImmutable();
    }

    private static ImmutableArray<ControlArea> ReadControlAreas(string path, HashSet<PartyId> states)
    {
        var root = GeoJsonFile.Load(path);
        var file = new GeoJsonFile(path);
        var areas = ImmutableArray.CreateBuilder<ControlArea>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (feature, location) in file.Features(root))
        {
            var id = file.String(feature, "id", location);
            if (!seen.Add(id))
            {
                throw GeoJsonFile.Fail(feature.Find("id")!, location, GeoMessages.Duplicate("control area", id));
            }

            var properties = file.Member(feature, "properties", location, "an object");
            var within = file.State(properties, "within", location);
            if (!states.Contains(within))
            {
                throw GeoJsonFile.Fail(properties.Find("within")!, location, GeoMessages.UnknownState("within", within.Code));
            }

            var shape = file.ReadShape(file.Member(feature, "geometry", location, "a geometry"), location, allowPoints: false);
            areas.Add(new ControlArea(
                id,
                file.String(properties, "name", location),
                within,
                file.Number(properties, "accuracy_km", location),
                file.String(properties, "method", location),
                file.String(properties, "source", location),
                file.Confidence(properties, location),
                shape));
        }

        return areas.ToImmutable();
    }
}
