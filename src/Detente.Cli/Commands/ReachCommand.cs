using System.CommandLine;
using System.Globalization;
using Detente.Core;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Situation;
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
        var at = new Option<string?>("--at")
        {
            Description = "With --site: also list what is deployed at the site on this date (optional; reach itself does not depend on a date).",
        };
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

            ReachReport report;
            if (parse.GetValue(from) is { } fromText)
            {
                if (parse.GetValue(site) is not null || parse.GetValue(system) is not null)
                {
                    throw new UsageException("give either --from with --range, or --site with --system");
                }

                var origin = Parse.Point(fromText, "--from");
                var km = parse.GetValue(range) ?? throw new UsageException("--range: required with --from (kilometres)");
                if (!(km > 0) || double.IsInfinity(km))
                {
                    throw new UsageException($"--range: expected a distance in km greater than 0, found {km.ToString(CultureInfo.InvariantCulture)}");
                }

                report = ReachReport.FromPoint(session.Atlas, origin, km);
            }
            else if (parse.GetValue(site) is { } siteText)
            {
                var scenario = session.Scenario;
                var theSite = Slug.IsValid(siteText) ? Parse.Known("--site", "site", siteText, scenario.Sites, s => new SiteId(s))
                    : throw new UsageException($"--site: '{siteText}' is not a site id");
                var systemText = parse.GetValue(system) ?? throw new UsageException("--system: required with --site");
                var theSystem = Parse.Known("--system", "system", systemText, scenario.Systems, s => new SystemId(s), Slug.IsValid(systemText));
                if (theSystem.RangeKm is null)
                {
                    throw new UsageException($"--system: the catalogue gives no range for '{theSystem.Id}'");
                }

                report = ReachReport.FromSite(session.Atlas, theSite, theSystem,
                    parse.GetValue(at) is { } atText ? scenario.At(Parse.Date(atText, "--at")) : null);
            }
            else
            {
                throw new UsageException("give either --from LAT,LON with --range KM, or --site SITE with --system SYSTEM");
            }

            var csv = options.CsvChosen(parse);
            if (parse.GetValue(GeoJson.Option))
            {
                GeoJson.Write(session.Output, report.Features(speedKmh));
            }
            else if (csv)
            {
                session.Show(CsvTable(session, report, speedKmh), csv: true);
            }
            else if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, report.ToJson(speedKmh));
            }
            else
            {
                Render(session, report, speedKmh);
            }

            return 0;
        }));
        return command;
    }

    private static void Render(Session session, ReachReport report, double? speedKmh)
    {
        var title = report.Site is { } site ? $"{site.Id} ({report.Origin}) with {report.System!.Id}" : report.Origin.ToString();
        session.Console.MarkupLine($"Reach from [bold]{Text.Escape(title)}[/]" + (report.Answers.Count > 1 ? ": the range is disputed, one answer per claim" : ""));
        if (report.Deployed is { } deployed)
        {
            session.Console.MarkupLine(deployed.Count == 0
                ? $"Nothing of this system is recorded at the site on {report.At:yyyy-MM-dd}."
                : $"Recorded at the site on {report.At:yyyy-MM-dd}: {string.Join("; ", deployed.Select(d => d.Id.Value))}");
        }

        foreach (var (c, reach) in report.Answers)
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
                Cell[] row = [s.State.Code, NameOf(session, s.State), s.Kilometres.ToString("#,0.0", CultureInfo.InvariantCulture)];
                table.Add(speedKmh is { } v ? [.. row, TimeSpan.FromHours(s.FlightHours(v)).ToString(@"h\:mm", CultureInfo.InvariantCulture)] : row);
            }

            table.Totals.Add($"{reach.States.Length} states within {km} km");
            session.Show(table, csv: false);
        }
    }

    private static string NameOf(Session session, PartyId state) =>
        session.Scenario.Parties.ContainsKey(state) ? session.Scenario.NameOf(state) : session.Atlas.TerritoryOf(state).Name;

    /// <summary>Every answer in one table for CSV: a row per range and state reached.</summary>
    private static ReportTable CsvTable(Session session, ReachReport report, double? speedKmh)
    {
        var table = new ReportTable(null, Column.Id("Range (km)"), new("Basis"), Column.Id("State"), new("Name"), Column.Id("Distance (km)"), Column.Id("Flight time (h)"));
        foreach (var (c, reach) in report.Answers)
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
}
