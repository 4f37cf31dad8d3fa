using System.CommandLine;
using System.Globalization;
using Detente.Cli.Rendering;
using Detente.Core;
using Detente.Data;
using Detente.Node.Reports;
using Detente.Node.Reports.Situation;
using Detente.Node.Sessions;

namespace Detente.Cli.Commands;

/// <summary><c>detente sites</c>, <c>systems</c> and <c>parties</c>: what the scenario knows, listed and filtered by field.</summary>
internal static class BrowseCommands
{
    public static Command Sites(CliOptions options)
    {
        var host = new Option<string?>("--host") { Description = "Only sites in this state (alpha-3)." };
        var kind = new Option<string?>("--kind") { Description = $"Only sites of this kind ({string.Join(", ", Vocabulary.SiteKind.Keys)})." };
        var command = new Command("sites", "List the scenario's sites: id, name, host, kind, coordinates, confidence and sources.")
        {
            host, kind, options.Json, options.Csv, GeoJson.Option,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var scenario = session.Scenario;
            var list = ScenarioQueries.Sites(scenario, parse.GetValue(host) is { } h ? Parse.Party(h, "--host", scenario) : null,
                parse.GetValue(kind) is { } k ? Values.Parse("--kind", k, Vocabulary.SiteKind) : null);
            if (parse.GetValue(GeoJson.Option))
            {
                GeoJson.Write(session.Output, list.Select(s => GeoJson.Point(s.Location, FactJson.Site(s))));
                return 0;
            }

            return options.Answer(parse, session, csv, () => WorldJson.Sites(list), () =>
            {
                var table = new ReportTable("Sites", Column.Id("Id"), new("Name"), Column.Id("Host"), Column.Id("Kind"), Column.Id("Lat"), Column.Id("Lon"),
                    Column.Id("Accuracy (km)"), Column.Id("Confidence"), Column.Id("Sources")) { Empty = "no site matches" };
                foreach (var s in list)
                {
                    table.Add(s.Id.Value, s.Name, s.Host.Code, Cells.Word(s.Kind), Number(s.Location.Latitude), Number(s.Location.Longitude), Number(s.AccuracyKm),
                        Cells.Confidence(s.Evidence), Cells.Sources(s.Evidence));
                }

                table.Totals.Add($"{list.Count} of {scenario.Sites.Count} sites");
                return table;
            });
        }));
        return command;
    }

    public static Command Systems(CliOptions options)
    {
        var category = new Option<string?>("--category") { Description = $"Only this category ({string.Join(", ", Vocabulary.SystemCategory.Keys)})." };
        var launch = new Option<string?>("--launch") { Description = $"Only this launch mode ({string.Join(", ", Vocabulary.LaunchMode.Keys)})." };
        var role = new Option<string?>("--role") { Description = $"Only this role ({string.Join(", ", Vocabulary.Role.Keys)})." };
        var command = new Command("systems",
            "List the catalogue of systems: category, launch, guidance, role, nuclear capability, range (every claim) and what launchers fire.")
        {
            category, launch, role, options.Json, options.Csv,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var scenario = session.Scenario;
            var list = ScenarioQueries.Systems(scenario,
                parse.GetValue(category) is { } c ? Values.Parse("--category", c, Vocabulary.SystemCategory) : null,
                parse.GetValue(launch) is { } l ? Values.Parse("--launch", l, Vocabulary.LaunchMode) : null,
                parse.GetValue(role) is { } r ? Values.Parse("--role", r, Vocabulary.Role) : null);
            return options.Answer(parse, session, csv, () => WorldJson.Systems(list), () =>
            {
                var table = new ReportTable("Systems", Column.Id("Id"), new("Name"), Column.Id("Owner"), Column.Id("Category"), Column.Id("Launch"),
                    Column.Id("Guidance"), Column.Id("Role"), Column.Id("Nuclear"), new("Range (km)"), Column.Id("Fires"), Column.Id("Sources"))
                {
                    KeyColumns = 2,
                    Empty = "no system matches",
                };
                foreach (var s in list)
                {
                    table.Add(s.Id.Value, s.Name, s.Owner?.Code ?? "", Cells.Word(s.Category), Cells.Word(s.Launch), Cells.Word(s.Guidance), Cells.Word(s.Role),
                        Cells.Word(s.Nuclear), s.RangeKm is { } q ? Cells.Quantity(q) : "", string.Join(" ", s.Fires.Select(f => f.System.Value)),
                        Cells.Sources(s.Evidence));
                }

                table.Totals.Add($"{list.Count} of {scenario.Systems.Count} systems");
                table.Notes.Add("A disputed range lists every claim with who makes it ('detente reach --site S --system X' answers once per claim).");
                return table;
            });
        }));
        return command;
    }

    public static Command Parties(CliOptions options)
    {
        var kind = new Option<string?>("--kind") { Description = $"Only parties of this kind ({string.Join(", ", Vocabulary.PartyKind.Keys)})." };
        var at = CliOptions.AtOption(required: false, "Also list each party's alliances on this date");
        var command = new Command("parties", "List the parties: code, name, kind, and with --at the alliances each belongs to on that date.")
        {
            kind, at, options.Json, options.Csv,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var scenario = session.Scenario;
            var list = ScenarioQueries.Parties(scenario, parse.GetValue(kind) is { } k ? Values.Parse("--kind", k, Vocabulary.PartyKind) : null);
            var world = parse.GetValue(at) is { } text ? scenario.At(Parse.Date(text, "--at")) : null;
            return options.Answer(parse, session, csv, () => WorldJson.Parties(list, world), () =>
            {
                Column[] columns = [Column.Id("Code"), new("Name"), Column.Id("Kind"), Column.Id("Within")];
                var table = new ReportTable("Parties", world is null ? columns : [.. columns, Column.Id($"Alliances on {world.At:yyyy-MM-dd}")])
                {
                    Empty = "no party matches",
                };
                foreach (var p in list)
                {
                    Cell[] cells = [p.Id.Code, p.Name, Cells.Word(p.Kind), p.Within?.Code ?? ""];
                    table.Add(world is null ? cells : [.. cells, string.Join(" ", world.AlliancesOf(p.Id))]);
                }

                table.Totals.Add($"{list.Count} of {scenario.Parties.Count} parties: " +
                                 string.Join(", ", list.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Cells.Word(g.Key)}")));
                return table;
            });
        }));
        return command;
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
