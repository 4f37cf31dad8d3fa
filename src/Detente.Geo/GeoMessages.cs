using System.Globalization;

namespace Detente.Geo;

/// <summary>Every message the geography component gives about bad input, in one place.</summary>
internal static class GeoMessages
{
    public static string MalformedJson(string detail) => $"malformed JSON: {detail}";

    public static string ExpectedObject(string what) => $"expected {what} to be a JSON object";

    public static string ExpectedFeatureCollection(string? found) =>
        $"expected a GeoJSON FeatureCollection, found type '{found ?? "(none)"}'";

    public static string MissingMember(string member, string expected) => $"missing '{member}': expected {expected}";

    public static string WrongMember(string member, string expected, string found) =>
        $"'{member}' is {found}: expected {expected}";

    public static string UnsupportedGeometry(string? type, string allowed) =>
        $"geometry type '{type ?? "(none)"}' is not supported here: expected {allowed}";

    public static string BadPosition(string found) => $"expected a position [longitude, latitude] of two numbers, found {found}";

    public static string OutOfRange(double lon, double lat) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"position [{lon}, {lat}] is out of range: longitude must be in [-180, 180] and latitude in [-90, 90]");

    public static string TooFewPositions(int count) =>
        $"a ring needs at least 4 positions (a closed triangle), found {count}";

    public static string UnclosedRing(double lon0, double lat0, double lonN, double latN) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"ring is not closed: it starts at [{lon0}, {lat0}] and ends at [{lonN}, {latN}]; the last position must repeat the first");

    public static string ZeroArea => "ring encloses no area (all its positions are collinear or repeated)";

    public static string SelfIntersection(int ringA, int edgeA, int ringB, int edgeB, double lon, double lat) =>
        FormattableString.Invariant($"polygon edges cross near [{lon:0.####}, {lat:0.####}] (ring {ringA} edge {edgeA} and ")
        + FormattableString.Invariant($"ring {ringB} edge {edgeB}); rings must not intersect themselves or each other");

    public static string RepeatedVertex(int ring, int first, int second, double lon, double lat) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"ring {ring} passes twice through [{lon}, {lat}] (positions {first} and {second}); a ring must not touch itself");

    public static string BadPartyCode(string member, string found) =>
        $"'{member}' is '{found}': expected an ISO 3166 alpha-3 code such as 'UKR'";

    public static string Duplicate(string what, string id) => $"{what} '{id}' appears more than once";

    public static string UnknownState(string member, string code) =>
        $"'{member}' is '{code}', which is not a state in the country shapes";

    public static string BadConfidence(string found) =>
        $"'confidence' is '{found}': expected one of verified, recalled, uncertain, disputed";

    public static string NotFinitePositive(string member) => $"'{member}' must be a finite number >= 0";

    public static string NoTerritory(string code) => $"no territory for '{code}' in the atlas";

    public static string NoControlArea(string id, IEnumerable<string> known) =>
        $"no control area '{id}'; known ids: {string.Join(", ", known)}";

    public static string NoRegion(string id, IEnumerable<string> known) =>
        $"no region '{id}'; known ids: {string.Join(", ", known)}";

    public static string CannotRead(string detail) => $"cannot read the file: {detail}";
}
