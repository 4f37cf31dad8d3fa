using System.Globalization;
using Detente.Core;

namespace Detente.Cli;

/// <summary>Parses command-line values into domain values, with messages that say what was expected.</summary>
internal static class Parse
{
    public static DateOnly Date(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"{option}: expected a date like 2022-01-12, found '{text}'");

    public static PartyId Party(string text, string option, Scenario scenario)
    {
        var code = text.Trim().ToUpperInvariant();
        if (!PartyId.IsValidCode(code))
        {
            throw new UsageException($"{option}: '{text}' is not a party code; expected e.g. POL, USA, NATO");
        }

        return Known(option, "party", text, scenario.Parties, _ => new PartyId(code), suggest: code).Id;
    }

    /// <summary>Comma-separated parties of the scenario, e.g. "RUS,BLR".</summary>
    public static List<PartyId> Parties(string text, string option, Scenario scenario) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => Party(p, option, scenario))];

    /// <summary>The entry <paramref name="text"/> names; an unknown one (or an invalid one, <paramref name="valid"/> false) suggests the nearest id.</summary>
    public static T Known<TId, T>(string option, string what, string text, IReadOnlyDictionary<TId, T> known, Func<string, TId> id, bool valid = true,
        string? suggest = null)
        where TId : notnull =>
        valid && known.TryGetValue(id(text), out var value)
            ? value
            : throw new UsageException($"{option}: unknown {what} '{text}'"
                                       + (Spelling.Nearest(suggest ?? text, known.Keys.Select(k => k.ToString()!)) is { } near ? $"; did you mean '{near}'?" : ""));

    public static GeoPoint Point(string text, string option) =>
        GeoPoint.TryParse(text, out var point)
            ? point
            : throw new UsageException($"{option}: expected LAT,LON in decimal degrees with latitude in [-90, 90] and longitude in [-180, 180], found '{text}'");
}
