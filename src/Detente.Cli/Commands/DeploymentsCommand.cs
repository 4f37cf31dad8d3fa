using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Rendering;

namespace Detente.Cli.Commands;

/// <summary><c>detente deployments</c>: the deployments present at a date, filtered by host and owner.</summary>
internal static class DeploymentsCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var host = new Option<string?>("--host") { Description = "Only deployments in this state (alpha-3)." };
        var owner = new Option<string?>("--owner") { Description = "Only deployments owned by this party." };
        var command = new Command("deployments", "List the deployments present at a date.") { at, host, owner, options.Json, options.Csv };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var scenario = session.Scenario;
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var world = scenario.At(day);
            var rows = Node.Sessions.ScenarioQueries.Deployments(world,
                parse.GetValue(host) is { } h ? Parse.Party(h, "--host", scenario) : null,
                parse.GetValue(owner) is { } o ? Parse.Party(o, "--owner", scenario) : null);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["at"] = JsonShapes.Day(day),
                    ["host"] = parse.GetValue(host)?.ToUpperInvariant(),
                    ["owner"] = parse.GetValue(owner)?.ToUpperInvariant(),
                    ["deployments"] = new JsonArray([.. rows.Select(d => (JsonNode)JsonShapes.Deployment(d))]),
                });
                return 0;
            }

            var table = new TableView(null, new Column("Id", ColumnKind.Id), new Column("Owner", ColumnKind.Id), new Column("Host", ColumnKind.Id),
                new Column("Where"), new Column("System", ColumnKind.Id), new Column("Quantity"), new Column("Kind", ColumnKind.Id),
                new Column("Period", ColumnKind.Id), new Column("Confidence", ColumnKind.Id), new Column("Sources", ColumnKind.Id))
            {
                Empty = "no deployment matches",
            };
            foreach (var d in rows)
            {
                var quantity = Text.QuantityCell(d.Quantity);
                table.Add(d.Id.Value, d.Owner.Code, d.Host.Code, Text.WherePlain(d, scenario), d.System?.Value ?? "",
                    quantity with { Text = $"{quantity.Text} {Text.Word(d.Unit)}" }, $"{Text.Word(d.Permanence)}, {Text.Word(d.Mission)}",
                    Text.Period(d.Period), Text.ConfidenceCell(d.Evidence), Text.SourcesCell(d.Evidence));
            }

            table.Totals.Add($"{rows.Count} deployments on {day:yyyy-MM-dd}");
            session.Show(table, csv);
            return 0;
        }));
        return command;
    }
}
