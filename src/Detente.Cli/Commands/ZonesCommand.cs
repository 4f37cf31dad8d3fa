using System.CommandLine;
using System.Globalization;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Situation;

namespace Detente.Cli.Commands;

/// <summary><c>detente zones border A,B C --width KM</c>: the border zone between two sets of states, as the rules' border-zone computes it.</summary>
internal static class ZonesCommand
{
    public static Command Create(CliOptions options)
    {
        var sideA = new Argument<string>("side-a") { Description = "The first set of states, comma-separated (e.g. RUS,BLR)." };
        var sideB = new Argument<string>("side-b") { Description = "The second set of states, comma-separated (e.g. UKR)." };
        var width = new Option<double>("--width") { Description = "Width of the zone in km on either side of the border (required).", Required = true };
        var border = new Command("border", "The land border between two sets of states and the states within a width of it; --geojson draws the border lines.")
        {
            sideA, sideB, width, options.Json, options.Csv, GeoJson.Option,
        };
        border.SetAction(parse => options.Run(parse, session =>
        {
            var km = parse.GetValue(width);
            if (!(km > 0) || double.IsInfinity(km))
            {
                throw new UsageException($"--width: expected a width in km greater than 0, found {km.ToString(CultureInfo.InvariantCulture)}");
            }

            var zone = session.Atlas.BorderZone(Parse.Parties(parse.GetValue(sideA)!, "SIDE-A", session.Scenario), Parse.Parties(parse.GetValue(sideB)!, "SIDE-B", session.Scenario), km);
            if (parse.GetValue(GeoJson.Option))
            {
                // The zone is the band within width_km of these lines, on both sides; a map draws it as a buffer of that width.
                GeoJson.Write(session.Output, zone.IsEmpty ? [] : [Node.Reports.GeoJsonFeatures.Lines(zone.BorderLines, WorldJson.BorderZone(zone))]);
                return 0;
            }

            return options.Answer(parse, session, () => WorldJson.BorderZone(zone), _ => WorldTables.BorderZone(zone, session.Scenario));
        }));
        return new Command("zones", "Zones computed from geography: border zones (the rules' border-zone(A, B, W)).") { border };
    }
}
