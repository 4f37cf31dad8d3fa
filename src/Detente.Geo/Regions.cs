using System.Collections.Immutable;
using System.Text.Json;
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
    /// <exception cref="GeoDataException">The file is missing, malformed, or a region is incomplete or names an unknown state.</exception>
    public static Regions Load(string path, Atlas? atlas = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var document = GeoJsonFile.Load(path);
        var file = new GeoJsonFile(path);
        var list = file.Member(document.RootElement, "regions", "document", "an array of regions");
        if (list.ValueKind != JsonValueKind.Array)
        {
            var problem = GeoMessages.WrongMember("regions", "an array of regions", GeoJsonFile.Describe(list));
            throw new GeoDataException(path, "document", problem);
        }

        var regions = ImmutableArray.CreateBuilder<Region>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var location = $"region #{index++}";
            var id = file.String(element, "id", location);
            location = $"region '{id}'";
            if (!seen.Add(id))
            {
                throw new GeoDataException(path, location, GeoMessages.Duplicate("region", id));
            }

            var members = ReadArray(file, element, "members", location)
                .Select(m => m.ValueKind == JsonValueKind.String && m.GetString() is { Length: 3 } code && PartyId.IsValidCode(code)
                    ? new PartyId(code)
                    : throw new GeoDataException(path, location, GeoMessages.BadPartyCode("members", m.ToString())))
                .ToList();
            foreach (var member in members)
            {
                if (atlas is not null && !atlas.HasTerritory(member))
                {
                    throw new GeoDataException(path, location, GeoMessages.UnknownState("members", member.Code));
                }
            }

            var sources = ReadArray(file, element, "sources", location)
                .Select((s, i) => new RegionSource(
                    file.String(s, "title", $"{location}, source {i}"),
                    file.String(s, "publisher", $"{location}, source {i}"),
                    file.String(s, "url", $"{location}, source {i}"),
                    file.String(s, "date", $"{location}, source {i}")))
                .ToImmutableArray();
            if (sources.IsEmpty)
            {
                throw new GeoDataException(path, location, GeoMessages.WrongMember("sources", "at least one source", "empty"));
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

    private static List<JsonElement> ReadArray(GeoJsonFile file, JsonElement owner, string member, string location)
    {
        var value = file.Member(owner, member, location, "an array");
        return value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : throw new GeoDataException(file.File, location, GeoMessages.WrongMember(member, "an array", GeoJsonFile.Describe(value)));
    }
}
