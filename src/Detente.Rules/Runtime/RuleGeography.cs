using System.Collections.Concurrent;
using Detente.Core;
using Detente.Geo;

namespace Detente.Rules.Runtime;

/// <summary>The geography rules read — territories, control areas, regions — with caches for what sites ask repeatedly.</summary>
internal sealed class RuleGeography
{
    private readonly ConcurrentDictionary<(GeoPoint, double), HashSet<PartyId>> reach = new();
    private readonly ConcurrentDictionary<(GeoPoint, PartyId), double> distance = new();
    private readonly ConcurrentDictionary<(string, string, double), BorderZone> zones = new();

    public RuleGeography(Atlas? atlas, Regions? regions)
    {
        Atlas = atlas;
        Regions = regions;
    }

    public Atlas? Atlas { get; }

    public Regions? Regions { get; }

    public IReadOnlyCollection<string> RegionNames => Regions?.All.Select(r => r.Id).ToArray() ?? [];

    public static RuleGeography Load(string geoDirectory)
    {
        var atlas = Atlas.LoadDirectory(geoDirectory);
        var regionsPath = Path.Combine(geoDirectory, Geo.Regions.FileName);
        return new RuleGeography(atlas, Core.InputFile.Exists(regionsPath) ? Geo.Regions.Load(regionsPath, atlas) : null);
    }

    public PartySet Region(string id) => new(Regions![id].Members);

    /// <summary>The states whose territory lies within <paramref name="km"/> of <paramref name="origin"/>.</summary>
    public HashSet<PartyId> Reach(GeoPoint origin, double km) =>
        reach.GetOrAdd((origin, km), static (k, atlas) => atlas!.Reach(k.Item1, k.Item2).States.Select(s => s.State).ToHashSet(), Atlas);

    public double DistanceToTerritory(GeoPoint point, PartyId state) =>
        Atlas is null || !Atlas.HasTerritory(state)
            ? double.NaN
            : distance.GetOrAdd((point, state), static (k, atlas) => atlas!.DistanceToTerritory(k.Item1, k.Item2), Atlas);

    public BorderZone BorderZone(PartySet a, PartySet b, double km) =>
        zones.GetOrAdd((a.ToString(), b.ToString(), km), _ => Atlas!.BorderZone(a.Sorted.Where(Atlas.HasTerritory), b.Sorted.Where(Atlas.HasTerritory), km));
}
