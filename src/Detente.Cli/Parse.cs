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

        var party = new PartyId(code);
        if (!scenario.Parties.ContainsKey(party))
        {
            var near = Spelling.Nearest(code, scenario.Parties.Keys.Select(p => p.Code));
            throw new UsageException($"{option}: unknown party '{text}'" + (near is null ? "" : $"; did you mean '{near}'?"));
        }

        return party;
    }

    public static GeoPoint Point(string text, string option) =>
        GeoPoint.TryParse(text, out var point)
            ? point
            : throw new UsageException($"{option}: expected LAT,LON in decimal degrees with latitude in [-90, 90] and longitude in [-180, 180], found '{text}'");
}
