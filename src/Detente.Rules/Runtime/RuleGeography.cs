using System.Collections.Concurrent;
using Detente.Core;
using Detente.Geo;

namespace Detente.Rules.Runtime;

/// <summary>
/// The geography rules read — territories, control areas, regions — with caches for what sites ask repeatedly. Safe to share
/// between threads and between evaluations.
/// </summary>
public sealed class RuleGeography
{
    private readonly ConcurrentDictionary<(GeoPoint, double), HashSet<PartyId>> _reach = new();
    private readonly ConcurrentDictionary<(GeoPoint, PartyId), double> _distance = new();
    private readonly ConcurrentDictionary<(string, string, double), BorderZone> _zones = new();

    /// <summary>Creates the geography of an atlas and its regions; either may be missing (rules that need it then cannot be evaluated).</summary>
    public RuleGeography(Atlas? atlas, Regions? regions)
    {
        Atlas = atlas;
        Regions = regions;
    }

    /// <summary>Country shapes and control areas.</summary>
    public Atlas? Atlas { get; }

    /// <summary>Named sets of states.</summary>
    public Regions? Regions { get; }

    /// <summary>The region ids rule text may name.</summary>
    public IReadOnlyCollection<string> RegionNames => Regions?.All.Select(r => r.Id).ToArray() ?? [];

    /// <summary>Reads the country shapes, control areas and regions of a directory such as <c>data/geo</c>.</summary>
    public static RuleGeography Load(string geoDirectory)
    {
        var atlas = Atlas.LoadDirectory(geoDirectory);
        var regionsPath = Path.Combine(geoDirectory, Geo.Regions.FileName);
        return new RuleGeography(atlas, Core.InputFile.Exists(regionsPath) ? Geo.Regions.Load(regionsPath, atlas) : null);
    }

    internal PartySet Region(string id) => new(Regions![id].Members);

    /// <summary>The states whose territory lies within <paramref name="km"/> of <paramref name="origin"/>.</summary>
    internal HashSet<PartyId> Reach(GeoPoint origin, double km) =>
        _reach.GetOrAdd((origin, km), static (k, atlas) => atlas!.Reach(k.Item1, k.Item2).States.Select(s => s.State).ToHashSet(), Atlas);

    internal double DistanceToTerritory(GeoPoint point, PartyId state) =>
        Atlas is null || !Atlas.HasTerritory(state)
            ? double.NaN
            : _distance.GetOrAdd((point, state), static (k, atlas) => atlas!.DistanceToTerritory(k.Item1, k.Item2), Atlas);

    internal BorderZone BorderZone(PartySet a, PartySet b, double km) =>
        _zones.GetOrAdd((a.ToString(), b.ToString(), km), _ => Atlas!.BorderZone(a.Sorted.Where(Atlas.HasTerritory), b.Sorted.Where(Atlas.HasTerritory), km));
}
