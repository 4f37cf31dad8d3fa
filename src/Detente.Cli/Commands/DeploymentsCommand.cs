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
            var scenario = session.Scenario;
            var world = scenario.At(Parse.Date(parse.GetValue(at)!, "--at"));
            var rows = Node.Sessions.ScenarioQueries.Deployments(world, parse.GetValue(host) is { } h ? Parse.Party(h, "--host", scenario) : null,
                parse.GetValue(owner) is { } o ? Parse.Party(o, "--owner", scenario) : null);
            return options.Answer(parse, session, () => WorldJson.Deployments(world.At, parse.GetValue(host), parse.GetValue(owner), rows),
                _ => WorldTables.Deployments(rows, world));
        }));
        return command;
    }
}
