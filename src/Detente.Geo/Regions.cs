using System.Collections.Immutable;
using Detente.Data.Json;
using Detente.Core;

namespace Detente.Geo;

/// <summary>The regions defined in <c>data/geo/regions.json</c>.</summary>
public sealed class Regions
{
    /// <summary>File name of the regions in the data directory.</summary>
    public const string FileName = "regions.json";

    private readonly Dictionary<string, Region> _byId;

    private Regions(ImmutableArray<Region> all)
    {
        All = all;
        _byId = all.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>Every region, in file order.</summary>
    public ImmutableArray<Region> All { get; }

    /// <summary>The region with the id.</summary>
    /// <exception cref="KeyNotFoundException">No region has the id; the message lists the known ids.</exception>
    public Region this[string id] =>
        _byId.TryGetValue(id, out var region)
            ? region
            : throw new KeyNotFoundException(GeoMessages.NoRegion(id, _byId.Keys.Order(StringComparer.Ordinal)));

    /// <summary>Reads a regions file: <c>{"regions":[{"id","name","members","sources","confidence","note"}]}</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="atlas">When given, every member must have a territory in it.</param>
    /// <exception cref="InputException">The file is missing, malformed, or a region is incomplete or names an unknown state.</exception>
    public static Regions Load(string path, Atlas? atlas = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = GeoJsonFile.Load(path);
        var file = new GeoJsonFile(path);
        if (root is LocatedObject)
        {
            root.ExpectObject("regions");
        }

        var list = file.Member(root, "regions", "document", "an array of regions");
        if (list is not LocatedArray)
        {
            throw GeoJsonFile.Fail(list, "document", GeoMessages.WrongMember("regions", "an array of regions", GeoJsonFile.Describe(list)));
        }

        var regions = ImmutableArray.CreateBuilder<Region>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in list.Items)
        {
            var location = $"region #{index++}";
            element.ExpectObject("id", "name", "members", "sources", "confidence", "note");
            var id = file.String(element, "id", location);
            location = $"region '{id}'";
            if (!seen.Add(id))
            {
                throw GeoJsonFile.Fail(element.Find("id")!, location, GeoMessages.Duplicate("region", id));
            }

            var members = ReadArray(file, element, "members", location)
                .Select(m => m is LocatedString { Value: { Length: 3 } code } && PartyId.IsValidCode(code)
                    ? new PartyId(code)
                    : throw GeoJsonFile.Fail(m, location, GeoMessages.BadPartyCode("members", m.Text ?? m.Describe())))
                .ToList();
            foreach (var member in members)
            {
                if (atlas is not null && !atlas.HasTerritory(member))
                {
                    throw GeoJsonFile.Fail(element.Required("members"), location, GeoMessages.UnknownState("members", member.Code));
                }
            }

            var sources = ReadArray(file, element, "sources", location)
                .Select((s, i) => Source(file, s, $"{location}, source {i}"))
                .ToImmutableArray();
            if (sources.IsEmpty)
            {
                throw GeoJsonFile.Fail(element.Required("sources"), location, GeoMessages.WrongMember("sources", "at least one source", "empty"));
            }

            regions.Add(new Region(
                id,
                file.String(element, "name", location),
                [.. members.Distinct().Order()],
                sources,
                file.Confidence(element, location),
                file.String(element, "note", location)));
        }

        return new Regions(regions.ToImmutable());
    }

    private static RegionSource Source(GeoJsonFile file, LocatedJson source, string location)
    {
        source.ExpectObject("title", "publisher", "url", "date");
        return new RegionSource(
            file.String(source, "title", location),
            file.String(source, "publisher", location),
            file.String(source, "url", location),
            file.String(source, "date", location));
    }

    private static ImmutableArray<LocatedJson> ReadArray(GeoJsonFile file, LocatedJson owner, string member, string location)
    {
        var value = file.Member(owner, member, location, "an array");
        return value is LocatedArray
            ? value.Items
            : throw GeoJsonFile.Fail(value, location, GeoMessages.WrongMember(member, "an array", GeoJsonFile.Describe(value)));
    }
}
