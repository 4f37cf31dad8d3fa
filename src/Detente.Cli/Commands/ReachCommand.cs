using System.CommandLine;
using System.Globalization;
using Detente.Core;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Situation;

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

            if (parse.GetValue(GeoJson.Option))
            {
                GeoJson.Write(session.Output, report.Features(speedKmh));
                return 0;
            }

            return options.Answer(parse, session, () => report.ToJson(speedKmh),
                _ => report.Page(session.Scenario, session.Atlas, speedKmh));
        }));
        return command;
    }
}
