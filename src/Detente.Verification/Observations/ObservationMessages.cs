using System.Globalization;
using Detente.Core;

namespace Detente.Verification.Observations;

/// <summary>The messages of observation files, in one place.</summary>
internal static class ObservationMessages
{
    /// <summary>
    /// The error for <paramref name="file"/> at <paramref name="row"/> (1-based: the line of a CSV file, the header is line 1) and
    /// <paramref name="column"/>, in <paramref name="field"/> (empty when the whole row is at fault).
    /// </summary>
    public static InputException Located(string file, long row, int column, string field, string problem) =>
        new(new Diagnostic(new SourceLocation(file, checked((int)row), column), field.Length > 0 ? field : null, problem)
        {
            Place = field.Length > 0 ? field : null,
        });

    /// <summary>The error for feature <paramref name="feature"/> (from 1; 0 for the collection) of a GeoJSON file at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public static InputException LocatedFeature(string file, long feature, long line, int column, string field, string problem) =>
        new(new Diagnostic(new SourceLocation(file, checked((int)line), column), field.Length > 0 ? field : null, problem)
        {
            Place = string.Create(CultureInfo.InvariantCulture, $"feature {feature}") + (field.Length > 0 ? $", {field}" : ""),
        });

    public static string UnknownSource(string id, string? nearest) =>
        $"unknown source '{id}': cite a source id of the scenario or the record, or declare it in the file (a GeoJSON file's 'sources' member)"
        + (nearest is null ? "" : $"; did you mean '{nearest}'?");

    public static string DeclaredSource(string problem) => $"a declared source {problem}";

    public const string Empty = "the file is empty; expected a header line";

    public const string Utf16 = "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8";

    public static string NotUtf8(byte b, bool bom) => bom
        ? $"byte 0x{b:X2} is not UTF-8, but the file starts with a UTF-8 byte order mark: it mixes encodings (e.g. Latin-1 text pasted into a UTF-8 file)"
        : $"byte 0x{b:X2} is not UTF-8; the file is in another encoding (e.g. Latin-1 or Windows-1252) or mixes encodings; save it as UTF-8";

    public static string UnknownColumn(string name) =>
        $"unknown column '{name}'; expected {string.Join(", ", ObservationColumns.All)}";

    public static string DuplicateColumn(string name) => $"column '{name}' appears twice in the header";

    public static string MissingColumn(string name) => $"the header has no '{name}' column";

    public const string MissingPlace = "the header needs either 'lat' and 'lon' columns or an 'area' column";

    public static string FieldCount(int found, int expected) => $"expected {expected} fields as in the header, found {found}";

    public const string UnterminatedQuote = "a quoted field is not closed on its line (fields cannot span lines)";

    public const string CharacterAfterQuote = "expected ',' or the end of the line after a closing quote";

    public static string Required(string field) => $"'{field}' is empty; it is required";

    public static string Date(string found) => $"expected a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ, found '{found}'";

    public static string Count(string found) => $"expected a whole number from 0, found '{found}'";

    public static string Negative(string found) => $"a count cannot be negative, found '{found}'";

    public static string Number(string found) => $"expected a number, found '{found}'";

    public static string Latitude(double value) => string.Create(CultureInfo.InvariantCulture, $"latitude {value} is outside the world [-90, 90]");

    public static string Longitude(double value) => string.Create(CultureInfo.InvariantCulture, $"longitude {value} is outside the world [-180, 180]");

    public const string HalfPoint = "give both 'lat' and 'lon', or neither";

    public const string NoPlace = "no place: give 'lat' and 'lon' or 'area'";

    public static string Party(string field, string found) =>
        $"expected a party code (upper-case letters, digits and '-', e.g. RUS or NATO), found '{found}'";

    public static string Confidence(string found) => $"expected verified, recalled, uncertain or disputed, found '{found}'";

    public static string Range(long low, long count, long high) =>
        string.Create(CultureInfo.InvariantCulture, $"expected low <= count <= high, found low {low}, count {count}, high {high}");

    public const string BothUncertainties = "give either 'plusminus' or 'low'/'high', not both";

    public static string Duplicate(long first) => string.Create(CultureInfo.InvariantCulture, $"duplicate of row {first} (the same observation twice)");

    public const string NoObserver = "no observer: the file has no 'observer' column and no monitor party was given (--party)";

    public static string ControlCharacter(int c) => $"control character U+{c:X4} in a field";

    public static string Where(string found) => string.Create(CultureInfo.InvariantCulture,
        $"'where' names the part of the area in words (e.g. near Ukraine's borders), at most {ObservationColumns.WhereMaxLength} characters " +
        $"with at least one letter and no space at either end; found '{found}'");

    public static string GeoJson(string problem) => "not a GeoJSON FeatureCollection of observations: " + problem;

    public static string Geometry(string problem) => "expected a Point geometry [lon, lat] or null: " + problem;

    public static string UnknownProperty(string name) =>
        $"unknown property '{name}'{Core.Spelling.Suggestion(name, ObservationColumns.All.Where(c => c is not ("lat" or "lon")))}; "
        + $"expected {string.Join(", ", ObservationColumns.All.Where(c => c is not ("lat" or "lon")))}";

    public static string PropertyType(string name, string expected) => $"'{name}' must be {expected}";
}
