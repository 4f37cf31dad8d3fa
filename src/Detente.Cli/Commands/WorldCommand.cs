using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Core;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente world</c>: a summary of the world at a date, and <c>world members</c>.</summary>
internal static class WorldCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var command = new Command("world", "Summarise the world at a date: alliances, foreign deployments, control, activities, observations.")
        {
            at,
            options.Json,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var world = session.Scenario.At(Parse.Date(parse.GetValue(at)!, "--at"));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, Summary(world));
            }
            else
            {
                Render(session, world);
            }

            return 0;
        }));

        var alliance = new Argument<string>("alliance") { Description = "The alliance, e.g. NATO or CSTO." };
        var membersAt = CliOptions.AtOption(required: true);
        var members = new Command("members", "List the members of an alliance at a date (alpha-3, sorted).") { alliance, membersAt, options.Json };
        members.SetAction(parse => options.Run(parse, session =>
        {
            var scenario = session.Scenario;
            var id = Parse.Party(parse.GetValue(alliance)!, "ALLIANCE", scenario);
            if (scenario.Parties[id].Kind != PartyKind.Alliance)
            {
                throw new UsageException($"ALLIANCE: '{id}' is a {Text.Word(scenario.Parties[id].Kind)}, not an alliance");
            }

            var day = Parse.Date(parse.GetValue(membersAt)!, "--at");
            var list = scenario.At(day).MembersOf(id);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject { ["alliance"] = id.Code, ["at"] = JsonShapes.Day(day), ["members"] = JsonShapes.Codes(list) });
                return 0;
            }

            var table = new Table().AddColumns("Member", "Name", "Since", "Confidence", "Sources");
            foreach (var m in scenario.At(day).Memberships.Where(m => m.Alliance == id).OrderBy(m => m.Member))
            {
                table.AddRow(m.Member.Code, Text.Escape(scenario.NameOf(m.Member)), $"{m.Period.From:yyyy-MM-dd}", Text.Confidence(m.Evidence), Text.Sources(m.Evidence));
            }

            session.Console.MarkupLine($"[bold]{id}[/] on {day:yyyy-MM-dd}: {list.Length} members");
            session.Console.Write(table);
            return 0;
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
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["point"] = JsonShapes.Point(where),
                    ["at"] = JsonShapes.Day(world.At),
                    ["territory"] = answer.Territory?.Code,
                    ["controllers"] = JsonShapes.Codes(answer.Controllers),
                    ["disputed"] = answer.IsDisputed,
                    ["areas"] = new JsonArray([.. answer.Areas.Select(a => (JsonNode)new JsonObject
                    {
                        ["area"] = a.Area.Id,
                        ["name"] = a.Area.Name,
                        ["within"] = a.Area.Within.Code,
                        ["boundary_accuracy_km"] = a.Area.AccuracyKm,
                        ["control"] = new JsonArray([.. a.Control.Select(c => (JsonNode)JsonShapes.Control(c))]),
                    })]),
                });
                return 0;
            }

            var scenario = world.Scenario;
            session.Console.MarkupLine($"{where} on {world.At:yyyy-MM-dd}: recognised territory of " +
                                       (answer.Territory is { } t ? $"[bold]{t}[/] {Text.Escape(scenario.NameOf(t))}" : "no mapped state"));
            foreach (var (area, control) in answer.Areas)
            {
                session.Console.MarkupLine($"In the mapped area [bold]{Text.Escape(area.Name)}[/] (boundary accurate to about {area.AccuracyKm:0} km):");
                if (control.IsEmpty)
                {
                    session.Console.MarkupLine("  no control of this area is recorded for this day, so the recognised state is taken to control it");
                }

                foreach (var c in control)
                {
                    session.Console.MarkupLine($"  controlled by [bold]{c.Controller}[/] {Text.Escape(scenario.NameOf(c.Controller))}, {Text.Period(c.Period)} " +
                                               $"({Text.Confidence(c.Evidence)}; {Text.Sources(c.Evidence)})");
                }
            }

            return 0;
        }));
        return command;
    }

    private static JsonObject Summary(World world)
    {
        var scenario = world.Scenario;
        var alliances = scenario.Parties.Values.Where(p => p.Kind == PartyKind.Alliance).OrderBy(p => p.Id)
            .Select(a => (JsonNode)new JsonObject { ["alliance"] = a.Id.Code, ["members"] = JsonShapes.Codes(world.MembersOf(a.Id)) });
        var foreign = world.Deployments.Where(d => d.IsForeign).GroupBy(d => d.Host).OrderBy(g => g.Key)
            .Select(g => (JsonNode)new JsonObject
            {
                ["host"] = g.Key.Code,
                ["owners"] = JsonShapes.Codes(g.Select(d => d.Owner).Distinct().Order()),
                ["deployments"] = g.Count(),
                ["troops_low"] = g.Where(d => d.Unit == ForceUnit.Troops).Sum(d => d.Quantity.Low),
                ["troops_high"] = g.Where(d => d.Unit == ForceUnit.Troops).Sum(d => d.Quantity.High),
            });
        return new JsonObject
        {
            ["scenario"] = scenario.Info.Id,
            ["at"] = JsonShapes.Day(world.At),
            ["alliances"] = new JsonArray([.. alliances]),
            ["deployments"] = world.Deployments.Length,
            ["foreign_deployments_by_host"] = new JsonArray([.. foreign]),
            ["control"] = new JsonArray([.. world.Control.Select(c => (JsonNode)JsonShapes.Control(c))]),
            ["activities"] = new JsonArray([.. world.Activities.Select(a => (JsonNode)JsonShapes.Activity(a))]),
            ["observations"] = new JsonArray([.. world.Observations.Select(o => (JsonNode)JsonShapes.Observation(o))]),
        };
    }

    internal static void Render(Session session, World world)
    {
        var scenario = world.Scenario;
        var console = session.Console;
        console.Write(new Rule($"[bold]{Text.Escape(scenario.Info.Title)}[/] — the world on {world.At:yyyy-MM-dd}").LeftJustified());

        var alliances = new Table().Title("Alliances").AddColumns("Alliance", "Members", "Codes");
        foreach (var a in scenario.Parties.Values.Where(p => p.Kind == PartyKind.Alliance).OrderBy(p => p.Id))
        {
            var members = world.MembersOf(a.Id);
            alliances.AddRow(a.Id.Code, members.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(" ", members));
        }

        console.Write(alliances);

        var foreign = new Table().Title("Forces stationed abroad, by host state").AddColumns("Host", "Owners", "Deployments", "Troops");
        foreach (var g in world.Deployments.Where(d => d.IsForeign).GroupBy(d => d.Host).OrderBy(g => g.Key))
        {
            var troops = g.Where(d => d.Unit == ForceUnit.Troops).ToList();
            var low = troops.Sum(d => d.Quantity.Low);
            var high = troops.Sum(d => d.Quantity.High);
            foreign.AddRow(
                $"{g.Key} {Text.Escape(scenario.NameOf(g.Key))}",
                string.Join(" ", g.Select(d => d.Owner.Code).Distinct().Order()),
                g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                troops.Count == 0 ? "" : low == high ? Claim.Format(low) : $"{Claim.Format(low)}–{(double.IsPositiveInfinity(high) ? "?" : Claim.Format(high))}");
        }

        console.Write(foreign);

        if (world.Control.Length > 0)
        {
            var control = new Table().Title("Control of mapped areas (disputed control lists every claim; notes in --json)")
                .AddColumns("Area", "Controller", "Period", "Confidence", "Sources");
            foreach (var c in world.Control.OrderBy(c => c.Area.Value).ThenBy(c => c.Controller))
            {
                control.AddRow(c.Area.Value, $"{c.Controller} {Text.Escape(scenario.NameOf(c.Controller))}", Text.Period(c.Period), Text.Confidence(c.Evidence), Text.Sources(c.Evidence));
            }

            console.Write(control);
        }

        if (world.Activities.Length > 0)
        {
            var activities = new Table().Title("Activities under way").AddColumns("Activity", "Participants", "Period", "Troops");
            foreach (var a in world.Activities)
            {
                activities.AddRow(Text.Escape(a.Name), string.Join(" ", a.Participants), Text.Period(a.Period), a.Troops is { } t ? Text.Quantity(t) : "");
            }

            console.Write(activities);
        }

        if (world.Observations.Length > 0)
        {
            var observations = new Table().Title("Observations for the day").AddColumns("Observer", "Subject", "What", "Where", "Figure", "Sources");
            foreach (var o in world.Observations)
            {
                observations.AddRow(o.Observer.Code, o.Subject.Code, Text.Escape(o.What), Text.Escape(o.Where), Text.Quantity(o.Quantity), Text.Sources(o.Evidence));
            }

            console.Write(observations);
        }
    }
}
