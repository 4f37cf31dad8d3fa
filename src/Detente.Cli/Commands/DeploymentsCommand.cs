using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente deployments</c>: the deployments present at a date, filtered by host and owner.</summary>
internal static class DeploymentsCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var host = new Option<string?>("--host") { Description = "Only deployments in this state (alpha-3)." };
        var owner = new Option<string?>("--owner") { Description = "Only deployments owned by this party." };
        var command = new Command("deployments", "List the deployments present at a date.") { at, host, owner, options.Json };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var scenario = session.Scenario;
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var world = scenario.At(day);
            IEnumerable<Core.Deployment> list = world.Deployments;
            if (parse.GetValue(host) is { } h)
            {
                list = world.DeploymentsIn(Parse.Party(h, "--host", scenario));
            }

            if (parse.GetValue(owner) is { } o)
            {
                var ownerId = Parse.Party(o, "--owner", scenario);
                list = list.Where(d => d.Owner == ownerId);
            }

            var rows = list.OrderBy(d => d.Host).ThenBy(d => d.Owner).ThenBy(d => d.Id.Value, StringComparer.Ordinal).ToList();
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

            var table = new Table().AddColumns("Id", "Owner", "Host", "Where", "System", "Quantity", "Kind", "Period", "Confidence", "Sources");
            foreach (var d in rows)
            {
                table.AddRow(
                    Text.Escape(d.Id.Value), d.Owner.Code, d.Host.Code, Text.Where(d, scenario), Text.Escape(d.System?.Value),
                    $"{Text.Quantity(d.Quantity)} {Text.Word(d.Unit)}", $"{Text.Word(d.Permanence)}, {Text.Word(d.Mission)}",
                    Text.Period(d.Period), Text.Confidence(d.Evidence), Text.Sources(d.Evidence));
            }

            session.Console.MarkupLine($"{rows.Count} deployments on {day:yyyy-MM-dd}");
            session.Console.Write(table);
            return 0;
        }));
        return command;
    }
}
