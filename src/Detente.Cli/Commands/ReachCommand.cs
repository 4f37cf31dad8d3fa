using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Geo;
using Detente.Cli.Rendering;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente reach</c>: which states a system can reach — from a point with a range, or from a site with a catalogue
/// system, one answer per range claim when the range is disputed.
/// </summary>
internal static class ReachCommand
{
    public static Command Create(CliOptions options)
    {
        var from = new Option<string?>("--from") { Description = "The origin as LAT,LON in decimal degrees." };
        var range = new Option<double?>("--range") { Description = "The range in kilometres (with --from)." };
        var site = new Option<string?>("--site") { Description = "A site id from the scenario (with --system)." };
        var system = new Option<string?>("--system") { Description = "A catalogue system id; its range claims are used." };
        var at = new Option<string?>("--at") { Description = "With --site: also list what is deployed at the site on this date (optional; reach itself does not depend on a date)." };
        var speed = new Option<double?>("--speed") { Description = "Average speed in km/h, to give flight times." };
        var command = new Command("reach", "List the states whose territory lies within reach, with the geodesic distance to each.")
        {
            from, range, site, system, at, speed, options.Json, options.Csv, GeoJson.Option,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var speedKmh = parse.GetValue(speed);
            if (speedKmh is <= 0 or double.NaN)
            {
                throw new UsageException("--speed: expected a speed in km/h greater than 0");
            }

            JsonObject result;
            GeoPoint origin;
            IReadOnlyList<RangeCase> cases;
            if (parse.GetValue(from) is { } fromText)
            {
                if (parse.GetValue(site) is not null || parse.GetValue(system) is not null)
                {
                    throw new UsageException("give either --from with --range, or --site with --system");
                }

                origin = Parse.Point(fromText, "--from");
                var km = parse.GetValue(range) ?? throw new UsageException("--range: required with --from (kilometres)");
                if (!(km > 0) || double.IsInfinity(km))
                {
                    throw new UsageException($"--range: expected a distance in km greater than 0, found {km.ToString(CultureInfo.InvariantCulture)}");
                }

                cases = [RangeCase.Given(km)];
                result = new JsonObject { ["from"] = JsonShapes.Point(origin) };
            }
            else if (parse.GetValue(site) is { } siteText)
            {
                var scenario = session.Scenario;
                var siteId = Slug.IsValid(siteText) ? new SiteId(siteText) : throw new UsageException($"--site: '{siteText}' is not a site id");
                var theSite = scenario.Sites.TryGetValue(siteId, out var s)
                    ? s
                    : throw new UsageException($"--site: unknown site '{siteText}'" + Suggest(siteText, scenario.Sites.Keys.Select(k => k.Value)));
                var systemText = parse.GetValue(system) ?? throw new UsageException("--system: required with --site");
                var theSystem = Slug.IsValid(systemText) && scenario.Systems.TryGetValue(new SystemId(systemText), out var sys)
                    ? sys
                    : throw new UsageException($"--system: unknown system '{systemText}'" + Suggest(systemText, scenario.Systems.Keys.Select(k => k.Value)));
                if (theSystem.RangeKm is not { } rangeKm)
                {
                    throw new UsageException($"--system: the catalogue gives no range for '{theSystem.Id}'");
                }

                origin = theSite.Location;
                cases = RangeCase.Of(rangeKm);
                result = new JsonObject
                {
                    ["from"] = JsonShapes.Point(origin),
                    ["site"] = theSite.Id.Value,
                    ["system"] = theSystem.Id.Value,
                    ["range_disputed"] = rangeKm.IsDisputed,
                };
                if (parse.GetValue(at) is { } atText)
                {
                    var day = Parse.Date(atText, "--at");
                    var present = RangeCase.DeployedAt(session.Scenario.At(day), theSite.Id, theSystem.Id);
                    result["at"] = JsonShapes.Day(day);
                    result["deployed"] = new JsonArray([.. present.Select(d => (JsonNode)JsonShapes.Deployment(d))]);
                }
            }
            else
            {
                throw new UsageException("give either --from LAT,LON with --range KM, or --site SITE with --system SYSTEM");
            }

            var csv = options.CsvChosen(parse);
            var atlas = session.Atlas;
            var answers = cases.Select(c => (Case: c, Reach: atlas.Reach(origin, c.Kilometres))).ToList();
            if (parse.GetValue(GeoJson.Option))
            {
                var origin0 = new JsonObject { ["role"] = "origin", ["site"] = result["site"]?.DeepClone(), ["system"] = result["system"]?.DeepClone() };
                GeoJson.Write(session.Output, [GeoJson.Point(origin, origin0), .. answers.Select(a =>
                {
                    var properties = Answer(a.Case, a.Reach, speedKmh);
                    properties["role"] = "range";
                    return GeoJson.Ring(origin, a.Case.Kilometres, properties);
                })]);
                return 0;
            }

            if (csv)
            {
                session.Show(CsvTable(session, answers, speedKmh), csv: true);
                return 0;
            }

            if (parse.GetValue(options.Json))
            {
                result["answers"] = new JsonArray([.. answers.Select(a => (JsonNode)Answer(a.Case, a.Reach, speedKmh))]);
                if (answers.Count == 1)
                {
                    result["reached"] = Reached(answers[0].Reach, speedKmh);
                }

                JsonShapes.Write(session, result);
                return 0;
            }

            Render(session, origin, result, answers, speedKmh);
            return 0;
        }));
        return command;
    }

    private static JsonObject Answer(RangeCase c, Reach reach, double? speedKmh) => new()
    {
        ["range_km"] = c.Kilometres,
        ["basis"] = c.Basis,
        ["claims"] = new JsonArray([.. c.Claims.Select(claim => (JsonNode)JsonShapes.Claim(claim))]),
        ["reached"] = Reached(reach, speedKmh),
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

    private static void Render(Session session, GeoPoint origin, JsonObject result, List<(RangeCase Case, Reach Reach)> answers, double? speedKmh)
    {
        var title = result["site"] is { } site ? $"{site} ({origin}) with {result["system"]}" : origin.ToString();
        session.Console.MarkupLine($"Reach from [bold]{Text.Escape(title)}[/]" + (answers.Count > 1 ? $": the range is disputed, one answer per claim" : ""));
        if (result["deployed"] is JsonArray deployed)
        {
            session.Console.MarkupLine(deployed.Count == 0
                ? $"Nothing of this system is recorded at the site on {result["at"]}."
                : $"Recorded at the site on {result["at"]}: {string.Join("; ", deployed.Select(d => $"{d!["id"]}"))}");
        }

        foreach (var (c, reach) in answers)
        {
            var claim = c.Claims.Count == 0
                ? ""
                : " — " + string.Join("; ", c.Claims.Select(k => $"claim {k}{(k.Note is null ? "" : $": {k.Note}")}")) + $" ({c.Basis})";
            var columns = new List<Column> { new("State", ColumnKind.Id), new("Name"), new("Distance (km)", ColumnKind.Id) };
            if (speedKmh is not null)
            {
                columns.Add(new Column("Flight time", ColumnKind.Id));
            }

            var table = new TableView($"{c.Kilometres.ToString("#,0.#", CultureInfo.InvariantCulture)} km{claim}", [.. columns])
            {
                Empty = "no state's territory within this range",
            };
            foreach (var s in reach.States)
            {
                var row = new List<Cell> { s.State.Code, NameOf(session, s.State), s.Kilometres.ToString("#,0.0", CultureInfo.InvariantCulture) };
                if (speedKmh is { } v)
                {
                    row.Add(TimeSpan.FromHours(s.FlightHours(v)).ToString(@"h\:mm", CultureInfo.InvariantCulture));
                }

                table.Add([.. row]);
            }

            table.Totals.Add($"{reach.States.Length} states within {c.Kilometres.ToString("#,0.#", CultureInfo.InvariantCulture)} km");
            session.Show(table, csv: false);
        }
    }

    private static string NameOf(Session session, PartyId state) =>
        session.Scenario.Parties.ContainsKey(state) ? session.Scenario.NameOf(state) : session.Atlas.TerritoryOf(state).Name;

    /// <summary>Every answer in one table for CSV: a row per range and state reached.</summary>
    private static TableView CsvTable(Session session, List<(RangeCase Case, Reach Reach)> answers, double? speedKmh)
    {
        var table = new TableView(null, new Column("Range (km)", ColumnKind.Id), new Column("Basis"), new Column("State", ColumnKind.Id), new Column("Name"),
            new Column("Distance (km)", ColumnKind.Id), new Column("Flight time (h)", ColumnKind.Id));
        foreach (var (c, reach) in answers)
        {
            foreach (var s in reach.States)
            {
                table.Add(c.Kilometres.ToString(CultureInfo.InvariantCulture), c.Basis, s.State.Code, NameOf(session, s.State),
                    Math.Round(s.Kilometres, 1).ToString(CultureInfo.InvariantCulture),
                    speedKmh is { } v ? Math.Round(s.FlightHours(v), 3).ToString(CultureInfo.InvariantCulture) : "");
            }
        }

        return table;
    }

    private static string Suggest(string typed, IEnumerable<string> known) => Spelling.Nearest(typed, known) is { } near ? $"; did you mean '{near}'?" : "";
}
