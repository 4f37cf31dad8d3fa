using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Geo;

/// <summary>
/// Reads GeoJSON (RFC 7946) documents through Data's located JSON reader, so every problem is an <see cref="InputException"/>
/// at the file, line and column of the value at fault, worded with the feature, ring and position it concerns
/// (<c>countries.geojson:120:9: feature 'UKR' (#3), ring 0, position 2: position [...] is out of range</c>).
/// </summary>
internal sealed class GeoJsonFile(string file)
{
    public string File { get; } = file;

    public static LocatedJson Load(string path) => LocatedJson.Load(path);

    public static LocatedJson Parse(string text, string file) => LocatedJson.Parse(System.Text.Encoding.UTF8.GetBytes(text), file);

    /// <summary>An error at <paramref name="at"/>'s line and column, about the place <paramref name="place"/> names in words.</summary>
    public static InputException Fail(LocatedJson at, string place, string problem) => at.FailHere($"{place}: {problem}");

    /// <summary>The features of a FeatureCollection, each with a name for messages ("feature 'crimea' (#0)" or "feature #3").</summary>
    public IEnumerable<(LocatedJson Feature, string Location)> Features(LocatedJson root)
    {
        if (root is not LocatedObject)
        {
            throw Fail(root, "document", GeoMessages.ExpectedObject("the document"));
        }

        var type = root.Find("type") is LocatedString t ? t.Value : null;
        if (type != "FeatureCollection")
        {
            throw Fail(root.Find("type") ?? root, "document", GeoMessages.ExpectedFeatureCollection(type));
        }

        var features = Member(root, "features", "document", "an array of features");
        if (features is not LocatedArray)
        {
            throw Fail(features, "document", GeoMessages.WrongMember("features", "an array of features", Describe(features)));
        }

        var index = 0;
        foreach (var feature in features.Items)
        {
            var location = $"feature #{index}";
            if (feature is not LocatedObject)
            {
                throw Fail(feature, location, GeoMessages.ExpectedObject("a feature"));
            }

            if (feature.Find("id") is LocatedString id)
            {
                location = $"feature '{id.Value}' (#{index})";
            }
            else if (feature.Find("properties")?.Find("a3") is LocatedString a3)
            {
                location = $"feature '{a3.Value}' (#{index})";
            }

            yield return (feature, location);
            index++;
        }
    }

    public LocatedJson Member(LocatedJson owner, string name, string location, string expected) =>
        owner.Find(name) is { } value and not LocatedNull ? value : throw Fail(owner, location, GeoMessages.MissingMember(name, expected));

    public string String(LocatedJson owner, string name, string location)
    {
        var value = Member(owner, name, location, "a string");
        return value is LocatedString s && !string.IsNullOrWhiteSpace(s.Value)
            ? s.Value
            : throw Fail(value, location, GeoMessages.WrongMember(name, "a non-empty string", Describe(value)));
    }

    public double Number(LocatedJson owner, string name, string location)
    {
        var value = Member(owner, name, location, "a number");
        return value is LocatedNumber n && n.TryGetDouble(out var number) && number >= 0
            ? number
            : throw Fail(value, location, GeoMessages.NotFinitePositive(name));
    }

    public PartyId State(LocatedJson owner, string name, string location)
    {
        var code = String(owner, name, location);
        return code.Length == 3 && PartyId.IsValidCode(code)
            ? new PartyId(code)
            : throw Fail(owner.Find(name)!, location, GeoMessages.BadPartyCode(name, code));
    }

    public Confidence Confidence(LocatedJson owner, string location)
    {
        var text = String(owner, "confidence", location);
        return text switch
        {
            "verified" => Core.Confidence.Verified,
            "recalled" => Core.Confidence.Recalled,
            "uncertain" => Core.Confidence.Uncertain,
            "disputed" => Core.Confidence.Disputed,
            _ => throw Fail(owner.Find("confidence")!, location, GeoMessages.BadConfidence(text)),
        };
    }

    /// <summary>Reads a Polygon or MultiPolygon (and, when allowed, a Point or MultiPoint) and validates it.</summary>
    public Shape ReadShape(LocatedJson geometry, string location, bool allowPoints)
    {
        if (geometry is not LocatedObject)
        {
            throw Fail(geometry, location, GeoMessages.ExpectedObject("the geometry"));
        }

        var allowed = allowPoints ? "Polygon, MultiPolygon, Point or MultiPoint" : "Polygon or MultiPolygon";
        var type = geometry.Find("type") is LocatedString t ? t.Value : null;
        var coordinates = Member(geometry, "coordinates", location, "coordinates");
        switch (type)
        {
            case "Polygon":
                return Validated([.. ReadPolygon(coordinates, location, 0)], geometry, location);
            case "MultiPolygon":
                var rings = ImmutableArray.CreateBuilder<Ring>();
                var polygons = Array(coordinates, location, "an array of polygons");
                for (var i = 0; i < polygons.Length; i++)
                {
                    rings.AddRange(ReadPolygon(polygons[i], $"{location}, polygon {i}", rings.Count));
                }

                return Validated(rings.ToImmutable(), geometry, location);
            case "Point" when allowPoints:
                return new Shape([], [Position(coordinates, location)]);
            case "MultiPoint" when allowPoints:
                var points = Array(coordinates, location, "an array of positions");
                return points.Length == 0
                    ? throw Fail(coordinates, location, GeoMessages.WrongMember("coordinates", "at least one position", "empty"))
                    : new Shape([], [.. points.Select((p, i) => Position(p, $"{location}, position {i}"))]);
            default:
                throw Fail(geometry.Find("type") ?? geometry, location, GeoMessages.UnsupportedGeometry(type, allowed));
        }
    }

    private Shape Validated(ImmutableArray<Ring> rings, LocatedJson geometry, string location)
    {
        if (rings.Length == 0)
        {
            throw Fail(geometry, location, GeoMessages.WrongMember("coordinates", "at least one polygon", "empty"));
        }

        if (RingCheck.FindProblem(rings) is { } problem)
        {
            throw Fail(geometry, location, problem);
        }

        for (var r = 0; r < rings.Length; r++)
        {
            if (rings[r].SignedArea2() == 0)
            {
                throw Fail(geometry, $"{location}, ring {r}", GeoMessages.ZeroArea);
            }
        }

        return new Shape(rings, []);
    }

    private List<Ring> ReadPolygon(LocatedJson polygon, string location, int firstRingNumber)
    {
        var rings = new List<Ring>();
        var elements = Array(polygon, location, "an array of rings");
        if (elements.Length == 0)
        {
            throw Fail(polygon, location, GeoMessages.WrongMember("polygon", "at least one ring", "empty"));
        }

        for (var r = 0; r < elements.Length; r++)
        {
            var ringLocation = $"{location}, ring {firstRingNumber + r}";
            var positions = Array(elements[r], ringLocation, "an array of positions");
            if (positions.Length < 4)
            {
                throw Fail(elements[r], ringLocation, GeoMessages.TooFewPositions(positions.Length));
            }

            var lon = new double[positions.Length];
            var lat = new double[positions.Length];
            for (var i = 0; i < positions.Length; i++)
            {
                var p = Position(positions[i], $"{ringLocation}, position {i}");
                lon[i] = p.Longitude;
                lat[i] = p.Latitude;
            }

            var n = positions.Length - 1;
            if (lon[0] != lon[n] || lat[0] != lat[n])
            {
                throw Fail(positions[n], ringLocation, GeoMessages.UnclosedRing(lon[0], lat[0], lon[n], lat[n]));
            }

            rings.Add(new Ring(lon, lat));
        }

        return rings;
    }

    private static GeoPoint Position(LocatedJson position, string location)
    {
        if (position.Items is not [LocatedNumber lonNode, LocatedNumber latNode, ..]
            || !lonNode.TryGetDouble(out var lon) || !latNode.TryGetDouble(out var lat))
        {
            throw Fail(position, location, GeoMessages.BadPosition(Describe(position)));
        }

        return GeoPoint.IsValid(lat, lon) ? new GeoPoint(lat, lon) : throw Fail(position, location, GeoMessages.OutOfRange(lon, lat));
    }

    private static ImmutableArray<LocatedJson> Array(LocatedJson element, string location, string expected) =>
        element is LocatedArray ? element.Items : throw Fail(element, location, GeoMessages.WrongMember("coordinates", expected, Describe(element)));

    internal static string Describe(LocatedJson element) => element.Kind switch
    {
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.Text}",
        _ => element.Describe(),
    };
}
