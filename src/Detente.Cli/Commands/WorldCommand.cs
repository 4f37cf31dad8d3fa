using System.CommandLine;
using Detente.Core;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Situation;

namespace Detente.Cli.Commands;

/// <summary><c>detente world</c>: a summary of the world at a date, and <c>world members</c>, <c>world control</c>.</summary>
internal static class WorldCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var window = WindowOption();
        var tableOption = TableOption();
        var command = new Command("world", "Summarise the world at a date: alliances, foreign deployments, control, activities, observations.")
        {
            at, window, options.Json, options.Csv, tableOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var summary = WorldSummary.Build(session.Scenario.At(Parse.Date(parse.GetValue(at)!, "--at")), Window(parse, window));
            return options.Answer(parse, session, summary.ToJson, _ => summary.Page(), tableOption);
        }));

        var alliance = new Argument<string>("alliance") { Description = "The alliance, e.g. NATO or CSTO." };
        var membersAt = CliOptions.AtOption(required: true);
        var members = new Command("members", "List the members of an alliance at a date (alpha-3, sorted).") { alliance, membersAt, options.Json, options.Csv };
        members.SetAction(parse => options.Run(parse, session =>
        {
            var scenario = session.Scenario;
            var id = Parse.Party(parse.GetValue(alliance)!, "ALLIANCE", scenario);
            if (scenario.Parties[id].Kind != PartyKind.Alliance)
            {
                throw new UsageException($"ALLIANCE: '{id}' is a {Cells.Word(scenario.Parties[id].Kind)}, not an alliance");
            }

            var world = scenario.At(Parse.Date(parse.GetValue(membersAt)!, "--at"));
            return options.Answer(parse, session, () => WorldJson.Members(id, world.At, world.MembersOf(id)),
                _ => WorldTables.Members(id, world));
        }));
        command.Subcommands.Add(members);
        command.Subcommands.Add(ControlCommand(options));
        return command;
    }

    private static Command ControlCommand(CliOptions options)
    {
        var point = new Option<string>("--point") { Description = "The point as LAT,LON in decimal degrees.", Required = true };
        var at = CliOptions.AtOption(required: true);
        var command = new Command("control", "Say who a point belongs to on a day: recognised territory and recorded control.") { point, at, options.Json };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var where = Parse.Point(parse.GetValue(point)!, "--point");
            var world = session.Scenario.At(Parse.Date(parse.GetValue(at)!, "--at"));
            var answer = Geo.PointControl.At(session.Atlas, world, where);
            return options.Answer(parse, session, () => WorldJson.PointControl(answer, world.At),
                _ => WorldTables.PointControl(answer, world));
        }));
        return command;
    }

    /// <summary>--window-days: how many days up to the date count as now for observations (the same window as <c>alerts</c>).</summary>
    public static Option<int> WindowOption() => new("--window-days")
    {
        Description = "Observations made in the N days up to --at count as now (default 14, the window 'alerts' uses).",
        DefaultValueFactory = _ => 14,
    };

    public static int Window(ParseResult parse, Option<int> option)
    {
        var days = parse.GetValue(option);
        return days >= 1 ? days : throw new UsageException($"--window-days: expected a number of days of 1 or more, found {days}");
    }

    /// <summary>--table: which of a multi-table verb's tables <c>--csv</c> writes.</summary>
    public static Option<string?> TableOption() =>
        Pages.TableOption("alliances, forces, control, activities, observations; brief adds matrix, alerts, consultations");
}
