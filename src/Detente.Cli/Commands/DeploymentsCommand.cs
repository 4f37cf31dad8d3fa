using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Situation;

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
            var rows = Node.Sessions.ScenarioQueries.Deployments(scenario.At(day),
                parse.GetValue(host) is { } h ? Parse.Party(h, "--host", scenario) : null,
                parse.GetValue(owner) is { } o ? Parse.Party(o, "--owner", scenario) : null);
            return options.Answer(parse, session, csv, () => WorldJson.Deployments(day, parse.GetValue(host), parse.GetValue(owner), rows), () =>
            {
                var table = new ReportTable(null, Column.Id("Id"), Column.Id("Owner"), Column.Id("Host"), new("Where"), Column.Id("System"), new("Quantity"),
                    Column.Id("Kind"), Column.Id("Period"), Column.Id("Confidence"), Column.Id("Sources")) { Empty = "no deployment matches" };
                foreach (var d in rows)
                {
                    table.Add(d.Id.Value, d.Owner.Code, d.Host.Code, Cells.Where(d, scenario), d.System?.Value ?? "", Cells.Forces(d),
                        $"{Cells.Word(d.Permanence)}, {Cells.Word(d.Mission)}", Cells.Period(d.Period), Cells.Confidence(d.Evidence), Cells.Sources(d.Evidence));
                }

                table.Totals.Add($"{rows.Count} deployments on {day:yyyy-MM-dd}");
                return table;
            });
        }));
        return command;
    }
}
