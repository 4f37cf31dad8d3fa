using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Cli.Rendering;
using Detente.Core;
using Detente.Data;

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
            var list = Node.Sessions.ScenarioQueries.Sites(scenario,
                parse.GetValue(host) is { } h ? Parse.Party(h, "--host", scenario) : null,
                parse.GetValue(kind) is { } k ? Values.Parse("--kind", k, Vocabulary.SiteKind) : null);
            if (parse.GetValue(GeoJson.Option))
            {
                GeoJson.Write(session.Output, list.Select(s => GeoJson.Point(s.Location, Site(s))));
                return 0;
            }

            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject { ["sites"] = new JsonArray([.. list.Select(s => (JsonNode)Site(s))]) });
                return 0;
            }

            var table = new TableView("Sites", new Column("Id", ColumnKind.Id), new Column("Name"), new Column("Host", ColumnKind.Id),
                new Column("Kind", ColumnKind.Id), new Column("Lat", ColumnKind.Id), new Column("Lon", ColumnKind.Id), new Column("Accuracy (km)", ColumnKind.Id),
                new Column("Confidence", ColumnKind.Id), new Column("Sources", ColumnKind.Id))
            {
                Empty = "no site matches",
            };
            foreach (var s in list)
            {
                table.Add(s.Id.Value, s.Name, s.Host.Code, Text.Word(s.Kind), Number(s.Location.Latitude), Number(s.Location.Longitude), Number(s.AccuracyKm),
                    Text.ConfidenceCell(s.Evidence), Text.SourcesCell(s.Evidence));
            }

            table.Totals.Add($"{list.Count} of {scenario.Sites.Count} sites");
            session.Show(table, csv);
            return 0;
        }));
        return command;
    }

    public static Command Systems(CliOptions options)
    {
        var category = new Option<string?>("--category") { Description = $"Only this category ({string.Join(", ", Vocabulary.SystemCategory.Keys)})." };
        var launch = new Option<string?>("--launch") { Description = $"Only this launch mode ({string.Join(", ", Vocabulary.LaunchMode.Keys)})." };
        var role = new Option<string?>("--role") { Description = $"Only this role ({string.Join(", ", Vocabulary.Role.Keys)})." };
        var command = new Command("systems", "List the catalogue of systems: category, launch, guidance, role, nuclear capability, range (every claim) and what launchers fire.")
        {
            category, launch, role, options.Json, options.Csv,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var scenario = session.Scenario;
            var list = Node.Sessions.ScenarioQueries.Systems(scenario,
                parse.GetValue(category) is { } c ? Values.Parse("--category", c, Vocabulary.SystemCategory) : null,
                parse.GetValue(launch) is { } l ? Values.Parse("--launch", l, Vocabulary.LaunchMode) : null,
                parse.GetValue(role) is { } r ? Values.Parse("--role", r, Vocabulary.Role) : null);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject { ["systems"] = new JsonArray([.. list.Select(s => (JsonNode)System(s))]) });
                return 0;
            }

            var table = new TableView("Systems", new Column("Id", ColumnKind.Id), new Column("Name"), new Column("Owner", ColumnKind.Id),
                new Column("Category", ColumnKind.Id), new Column("Launch", ColumnKind.Id), new Column("Guidance", ColumnKind.Id), new Column("Role", ColumnKind.Id),
                new Column("Nuclear", ColumnKind.Id), new Column("Range (km)"), new Column("Fires", ColumnKind.Id), new Column("Sources", ColumnKind.Id))
            {
                KeyColumns = 2,
                Empty = "no system matches",
            };
            foreach (var s in list)
            {
                table.Add(s.Id.Value, s.Name, s.Owner?.Code ?? "", Text.Word(s.Category), Text.Word(s.Launch), Text.Word(s.Guidance), Text.Word(s.Role),
                    Text.Word(s.Nuclear), s.RangeKm is { } q ? Text.QuantityCell(q) : "", string.Join(" ", s.Fires.Select(f => f.System.Value)),
                    Text.SourcesCell(s.Evidence));
            }

            table.Totals.Add($"{list.Count} of {scenario.Systems.Count} systems");
            table.Notes.Add("A disputed range lists every claim with who makes it ('detente reach --site S --system X' answers once per claim).");
            session.Show(table, csv);
            return 0;
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
            var list = Node.Sessions.ScenarioQueries.Parties(scenario, parse.GetValue(kind) is { } k ? Values.Parse("--kind", k, Vocabulary.PartyKind) : null);
            var world = parse.GetValue(at) is { } text ? scenario.At(Parse.Date(text, "--at")) : null;
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["at"] = world is null ? null : JsonShapes.Day(world.At),
                    ["parties"] = new JsonArray([.. list.Select(p =>
                    {
                        var node = new JsonObject { ["code"] = p.Id.Code, ["name"] = p.Name, ["kind"] = Text.Word(p.Kind), ["within"] = p.Within?.Code };
                        if (world is not null)
                        {
                            node["alliances"] = JsonShapes.Codes(world.AlliancesOf(p.Id));
                        }

                        return (JsonNode)node;
                    })]),
                });
                return 0;
            }

            var columns = new List<Column> { new("Code", ColumnKind.Id), new("Name"), new("Kind", ColumnKind.Id), new("Within", ColumnKind.Id) };
            if (world is not null)
            {
                columns.Add(new Column($"Alliances on {world.At:yyyy-MM-dd}", ColumnKind.Id));
            }

            var table = new TableView("Parties", [.. columns]) { Empty = "no party matches" };
            foreach (var p in list)
            {
                var cells = new List<Cell> { p.Id.Code, p.Name, Text.Word(p.Kind), p.Within?.Code ?? "" };
                if (world is not null)
                {
                    cells.Add(string.Join(" ", world.AlliancesOf(p.Id)));
                }

                table.Add([.. cells]);
            }

            table.Totals.Add($"{list.Count} of {scenario.Parties.Count} parties: " +
                             string.Join(", ", list.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Text.Word(g.Key)}")));
            session.Show(table, csv);
            return 0;
        }));
        return command;
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static JsonObject Site(Site s)
    {
        var node = new JsonObject
        {
            ["id"] = s.Id.Value, ["name"] = s.Name, ["host"] = s.Host.Code, ["kind"] = Text.Word(s.Kind), ["location"] = JsonShapes.Point(s.Location),
            ["accuracy_km"] = s.AccuracyKm, ["note"] = s.Note,
        };
        JsonShapes.AddEvidence(node, s.Evidence);
        return node;
    }

    private static JsonObject System(WeaponSystem s)
    {
        var node = new JsonObject
        {
            ["id"] = s.Id.Value, ["name"] = s.Name, ["owner"] = s.Owner?.Code, ["category"] = Text.Word(s.Category), ["launch"] = Text.Word(s.Launch),
            ["guidance"] = Text.Word(s.Guidance), ["role"] = Text.Word(s.Role), ["nuclear"] = Text.Word(s.Nuclear),
            ["range_km"] = s.RangeKm is { } q ? JsonShapes.Quantity(q) : null,
            ["fires"] = new JsonArray([.. s.Fires.Select(f => (JsonNode)f.System.Value)]), ["note"] = s.Note,
        };
        JsonShapes.AddEvidence(node, s.Evidence);
        return node;
    }
}
