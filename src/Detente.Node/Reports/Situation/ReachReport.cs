using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Geo;
using Detente.Node.Reports.Tables;

namespace Detente.Node.Reports.Situation;

/// <summary>One range and the states it reaches: a given range, or one claim of a catalogue system's (disputed) range.</summary>
public sealed record ReachAnswer(RangeCase Case, Reach Reach);

/// <summary>
/// What <c>reach</c> answers: from an origin (a point, or a site with a catalogue system), the states within each range — one
/// answer per range claim when the system's range is disputed — and, for a site on a day, what of the system is deployed there.
/// </summary>
/// <param name="Origin">Where the ranges are measured from.</param>
/// <param name="Site">The site, when the origin is one.</param>
/// <param name="System">The catalogue system whose range claims are used, with a site.</param>
/// <param name="At">The day <see cref="Deployed"/> was read on; null when not asked.</param>
/// <param name="Deployed">What of the system (or of a launcher firing it) is deployed at the site on <see cref="At"/>.</param>
/// <param name="Answers">One answer per range: the given one, or each claim of the system's range.</param>
public sealed record ReachReport(
    GeoPoint Origin, Site? Site, WeaponSystem? System, DateOnly? At, IReadOnlyList<Deployment>? Deployed, IReadOnlyList<ReachAnswer> Answers)
{
    /// <summary>The states within <paramref name="kilometres"/> of a point.</summary>
    public static ReachReport FromPoint(Atlas atlas, GeoPoint origin, double kilometres)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        return new ReachReport(origin, null, null, null, null, [new ReachAnswer(RangeCase.Given(kilometres), atlas.Reach(origin, kilometres))]);
    }

    /// <summary>
    /// The states a system at a site reaches, once per range claim; with <paramref name="world"/>, also what of the system (or of a
    /// launcher firing it) is deployed at the site on its date. The system must have a range.
    /// </summary>
    public static ReachReport FromSite(Atlas atlas, Site site, WeaponSystem system, Core.World? world)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(system);
        var range = system.RangeKm ?? throw new ArgumentException($"the catalogue gives no range for '{system.Id}'", nameof(system));
        return new ReachReport(site.Location, site, system, world?.At, world is null ? null : RangeCase.DeployedAt(world, site.Id, system.Id),
            [.. RangeCase.Of(range).Select(c => new ReachAnswer(c, atlas.Reach(site.Location, c.Kilometres)))]);
    }

    /// <summary>The report's JSON (documented in docs/cli.md); <paramref name="speedKmh"/> adds flight times.</summary>
    public JsonObject ToJson(double? speedKmh)
    {
        var result = new JsonObject { ["from"] = FactWriter.Point(Origin) };
        if (Site is not null && System is not null)
        {
            result["site"] = Site.Id.Value;
            result["system"] = System.Id.Value;
            result["range_disputed"] = System.RangeKm!.IsDisputed;
        }

        if (At is { } day && Deployed is not null)
        {
            result["at"] = FactWriter.Day(day);
            result["deployed"] = new JsonArray([.. Deployed.Select(d => (JsonNode)FactJson.Deployment(d))]);
        }

        result["answers"] = new JsonArray([.. Answers.Select(a => (JsonNode)AnswerJson(a, speedKmh))]);
        if (Answers.Count == 1)
        {
            result["reached"] = Reached(Answers[0].Reach, speedKmh);
        }

        return result;
    }

    /// <summary>The report as GeoJSON features: the origin as a point, and each range as a geodesic ring holding its answer.</summary>
    public IEnumerable<JsonObject> Features(double? speedKmh)
    {
        yield return GeoJsonFeatures.Point(Origin, new JsonObject { ["role"] = "origin", ["site"] = Site?.Id.Value, ["system"] = System?.Id.Value });
        foreach (var a in Answers)
        {
            var properties = AnswerJson(a, speedKmh);
            properties["role"] = "range";
            yield return GeoJsonFeatures.Ring(Origin, a.Case.Kilometres, properties);
        }
    }

    private static JsonObject AnswerJson(ReachAnswer a, double? speedKmh) => new()
    {
        ["range_km"] = a.Case.Kilometres,
        ["basis"] = a.Case.Basis,
        ["claims"] = new JsonArray([.. a.Case.Claims.Select(claim => (JsonNode)FactJson.Claim(claim))]),
        ["reached"] = Reached(a.Reach, speedKmh),
    };

    private static JsonArray Reached(Reach reach, double? speedKmh) =>
    [
        .. reach.States.Select(s => (JsonNode)new JsonObject
        {
            ["state"] = s.State.Code,
            ["distance_km"] = Math.Round(s.Kilometres, 1),
            ["flight_time_h"] = speedKmh is { } v ? Math.Round(s.FlightHours(v), 3) : null,
        }),
    ];

    /// <summary>
    /// The report for people: where it is measured from, what is deployed there, and one table per range (states by distance;
    /// <paramref name="speedKmh"/> adds flight times). Its CSV table, "reach", holds every answer, a row per range and state.
    /// </summary>
    public ReportPage Page(Scenario scenario, Atlas atlas, double? speedKmh)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(atlas);
        string NameOf(PartyId state) => scenario.Parties.ContainsKey(state) ? scenario.NameOf(state) : atlas.TerritoryOf(state).Name;
        var title = Site is { } site ? $"{site.Id} ({Origin}) with {System!.Id}" : Origin.ToString();
        var page = new ReportPage().Line($"Reach from {title}" + (Answers.Count > 1 ? ": the range is disputed, one answer per claim" : ""));
        if (Deployed is { } deployed)
        {
            page.Line(deployed.Count == 0
                ? $"Nothing of this system is recorded at the site on {At:yyyy-MM-dd}."
                : $"Recorded at the site on {At:yyyy-MM-dd}: {string.Join("; ", deployed.Select(d => d.Id.Value))}");
        }

        var all = new ReportTable(null, Column.Id("Range (km)"), new("Basis"), Column.Id("State"), new("Name"), Column.Id("Distance (km)"), Column.Id("Flight time (h)"));
        foreach (var (c, reach) in Answers)
        {
            var claim = c.Claims.Count == 0 ? "" : " — " + string.Join("; ", c.Claims.Select(k => $"claim {k}{(k.Note is null ? "" : $": {k.Note}")}")) + $" ({c.Basis})";
            Column[] columns = [Column.Id("State"), new("Name"), Column.Id("Distance (km)")];
            var km = c.Kilometres.ToString("#,0.#", CultureInfo.InvariantCulture);
            var table = new ReportTable($"{km} km{claim}", speedKmh is null ? columns : [.. columns, Column.Id("Flight time")])
            {
                Empty = "no state's territory within this range",
            };
            foreach (var s in reach.States)
            {
                Cell[] row = [s.State.Code, NameOf(s.State), s.Kilometres.ToString("#,0.0", CultureInfo.InvariantCulture)];
                table.Add(speedKmh is { } v ? [.. row, TimeSpan.FromHours(s.FlightHours(v)).ToString(@"h\:mm", CultureInfo.InvariantCulture)] : row);
                all.Add(c.Kilometres.ToString(CultureInfo.InvariantCulture), c.Basis, s.State.Code, NameOf(s.State),
                    Math.Round(s.Kilometres, 1).ToString(CultureInfo.InvariantCulture),
                    speedKmh is { } w ? Math.Round(s.FlightHours(w), 3).ToString(CultureInfo.InvariantCulture) : "");
            }

            table.Totals.Add($"{reach.States.Length} states within {km} km");
            page.Add(null, table);
        }

        return page.Add("reach", all, shown: false);
    }
}
