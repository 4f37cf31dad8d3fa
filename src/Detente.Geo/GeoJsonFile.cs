using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Detente.Core;

namespace Detente.Geo;

/// <summary>Reads GeoJSON (RFC 7946) documents with System.Text.Json, reporting problems against a file name.</summary>
internal sealed class GeoJsonFile(string file)
{
    public string File { get; } = file;

    public static JsonDocument Load(string path)
    {
        string text;
        try
        {
            text = InputFile.ReadAllText(path, InputFile.DataLimit);
        }
        catch (InputException e)
        {
            throw new GeoDataException(path, e.Location.HasLine ? $"line {e.Location.Line}, column {e.Location.Column}" : "file", GeoMessages.CannotRead(e.Problem), e);
        }

        return Parse(text, path);
    }

    public static JsonDocument Parse(string text, string file)
    {
        if (JsonMembers.FirstDuplicate(System.Text.Encoding.UTF8.GetBytes(text)) is { } twice)
        {
            throw new GeoDataException(file, $"line {twice.Line}, column {twice.Column}", $"the member '{twice.Name}' appears twice in one object");
        }

        try
        {
            // A member given twice is an error: JSON readers disagree on which one wins.
            var options = new JsonDocumentOptions
            {
                AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false,
            };
            return JsonDocument.Parse(text, options);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var detail = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            throw new GeoDataException(file, $"line {line}, column {column}", GeoMessages.MalformedJson(detail), e);
        }
    }

    /// <summary>The features of a FeatureCollection, each with a name for messages ("feature 'crimea'" or "feature #3").</summary>
    public IEnumerable<(JsonElement Feature, string Location)> Features(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new GeoDataException(File, "document", GeoMessages.ExpectedObject("the document"));
        }

        var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "FeatureCollection")
        {
            throw new GeoDataException(File, "document", GeoMessages.ExpectedFeatureCollection(type));
        }

        var features = Member(root, "features", "the document", "an array of features");
        if (features.ValueKind != JsonValueKind.Array)
        {
            throw new GeoDataException(File, "document", GeoMessages.WrongMember("features", "an array of features", Describe(features)));
        }

        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            var location = $"feature #{index}";
            if (feature.ValueKind != JsonValueKind.Object)
            {
                throw new GeoDataException(File, location, GeoMessages.ExpectedObject("a feature"));
            }

            if (feature.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                location = $"feature '{id.GetString()}' (#{index})";
            }
            else if (feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("a3", out var a3) && a3.ValueKind == JsonValueKind.String)
            {
                location = $"feature '{a3.GetString()}' (#{index})";
            }

            yield return (feature, location);
            index++;
        }
    }

    public JsonElement Member(JsonElement owner, string name, string location, string expected)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new GeoDataException(File, location, GeoMessages.MissingMember(name, expected));
        }

        return value;
    }

    public string String(JsonElement owner, string name, string location)
    {
        var value = Member(owner, name, location, "a string");
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new GeoDataException(File, location, GeoMessages.WrongMember(name, "a non-empty string", Describe(value)));
        }

        return value.GetString()!;
    }

    public double Number(JsonElement owner, string name, string location)
    {
        var value = Member(owner, name, location, "a number");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || number < 0)
        {
            throw new GeoDataException(File, location, GeoMessages.NotFinitePositive(name));
        }

        return number;
    }

    public PartyId State(JsonElement owner, string name, string location)
    {
        var code = String(owner, name, location);
        if (code.Length != 3 || !PartyId.IsValidCode(code))
        {
            throw new GeoDataException(File, location, GeoMessages.BadPartyCode(name, code));
        }

        return new PartyId(code);
    }

    public Confidence Confidence(JsonElement owner, string location)
    {
        var text = String(owner, "confidence", location);
        return text switch
        {
            "verified" => Core.Confidence.Verified,
            "recalled" => Core.Confidence.Recalled,
            "uncertain" => Core.Confidence.Uncertain,
            "disputed" => Core.Confidence.Disputed,
            _ => throw new GeoDataException(File, location, GeoMessages.BadConfidence(text)),
        };
    }

    /// <summary>Reads a Polygon or MultiPolygon (and, when allowed, a Point or MultiPoint) and validates it.</summary>
    public Shape ReadShape(JsonElement geometry, string location, bool allowPoints)
    {
        if (geometry.ValueKind != JsonValueKind.Object)
        {
            throw new GeoDataException(File, location, GeoMessages.ExpectedObject("the geometry"));
        }

        var allowed = allowPoints ? "Polygon, MultiPolygon, Point or MultiPoint" : "Polygon or MultiPolygon";
        var type = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var coordinates = Member(geometry, "coordinates", location, "coordinates");
        switch (type)
        {
            case "Polygon":
                return Validated([.. ReadPolygon(coordinates, location, 0)], location);
            case "MultiPolygon":
                var rings = ImmutableArray.CreateBuilder<Ring>();
                var polygons = Array(coordinates, location, "an array of polygons");
                for (var i = 0; i < polygons.Count; i++)
                {
                    rings.AddRange(ReadPolygon(polygons[i], $"{location}, polygon {i}", rings.Count));
                }

                return Validated(rings.ToImmutable(), location);
            case "Point" when allowPoints:
                return new Shape([], [Position(coordinates, location)]);
            case "MultiPoint" when allowPoints:
                var points = Array(coordinates, location, "an array of positions");
                if (points.Count == 0)
                {
                    throw new GeoDataException(File, location, GeoMessages.WrongMember("coordinates", "at least one position", "empty"));
                }

                return new Shape([], [.. points.Select((p, i) => Position(p, $"{location}, position {i}"))]);
            default:
                throw new GeoDataException(File, location, GeoMessages.UnsupportedGeometry(type, allowed));
        }
    }

    private Shape Validated(ImmutableArray<Ring> rings, string location)
    {
        if (rings.Length == 0)
        {
            throw new GeoDataException(File, location, GeoMessages.WrongMember("coordinates", "at least one polygon", "empty"));
        }

        if (RingCheck.FindProblem(rings) is { } problem)
        {
            throw new GeoDataException(File, location, problem);
        }

        for (var r = 0; r < rings.Length; r++)
        {
            if (rings[r].SignedArea2() == 0)
            {
                throw new GeoDataException(File, $"{location}, ring {r}", GeoMessages.ZeroArea);
            }
        }

        return new Shape(rings, []);
    }

    private List<Ring> ReadPolygon(JsonElement polygon, string location, int firstRingNumber)
    {
        var rings = new List<Ring>();
        var elements = Array(polygon, location, "an array of rings");
        if (elements.Count == 0)
        {
            throw new GeoDataException(File, location, GeoMessages.WrongMember("polygon", "at least one ring", "empty"));
        }

        for (var r = 0; r < elements.Count; r++)
        {
            var ringLocation = $"{location}, ring {firstRingNumber + r}";
            var positions = Array(elements[r], ringLocation, "an array of positions");
            if (positions.Count < 4)
            {
                throw new GeoDataException(File, ringLocation, GeoMessages.TooFewPositions(positions.Count));
            }

            var lon = new double[positions.Count];
            var lat = new double[positions.Count];
            for (var i = 0; i < positions.Count; i++)
            {
                var p = Position(positions[i], $"{ringLocation}, position {i}");
                lon[i] = p.Longitude;
                lat[i] = p.Latitude;
            }

            var n = positions.Count - 1;
            if (lon[0] != lon[n] || lat[0] != lat[n])
            {
                throw new GeoDataException(File, ringLocation, GeoMessages.UnclosedRing(lon[0], lat[0], lon[n], lat[n]));
            }

            rings.Add(new Ring(lon, lat));
        }

        return rings;
    }

    private GeoPoint Position(JsonElement position, string location)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
            || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
        {
            throw new GeoDataException(File, location, GeoMessages.BadPosition(Describe(position)));
        }

        var lon = position[0].GetDouble();
        var lat = position[1].GetDouble();
        if (!GeoPoint.IsValid(lat, lon))
        {
            throw new GeoDataException(File, location, GeoMessages.OutOfRange(lon, lat));
        }

        return new GeoPoint(lat, lon);
    }

    private List<JsonElement> Array(JsonElement element, string location, string expected)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new GeoDataException(File, location, GeoMessages.WrongMember("coordinates", expected, Describe(element)));
        }

        return [.. element.EnumerateArray()];
    }

    internal static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => $"an array of {element.GetArrayLength()}",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        _ => element.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
