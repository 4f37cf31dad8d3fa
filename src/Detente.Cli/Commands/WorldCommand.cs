using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Core;
using System.Globalization;
using Detente.Cli.Rendering;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente world</c>: a summary of the world at a date, and <c>world members</c>.</summary>
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
            var csv = options.CsvChosen(parse);
            var world = session.Scenario.At(Parse.Date(parse.GetValue(at)!, "--at"));
            var days = Window(parse, window);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, Summary(world, days));
            }
            else if (csv)
            {
                session.Show(Choose(Tables(world, days), parse.GetValue(tableOption)), csv: true);
            }
            else
            {
                Render(session, world, days);
            }

            return 0;
        }));

        var alliance = new Argument<string>("alliance") { Description = "The alliance, e.g. NATO or CSTO." };
        var membersAt = CliOptions.AtOption(required: true);
        var members = new Command("members", "List the members of an alliance at a date (alpha-3, sorted).") { alliance, membersAt, options.Json, options.Csv };
        members.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
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

            var table = new TableView(null, new Column("Member", ColumnKind.Id), new Column("Name"), new Column("Since", ColumnKind.Id),
                new Column("Confidence", ColumnKind.Id), new Column("Sources", ColumnKind.Id));
            table.Totals.Add($"{id} on {day:yyyy-MM-dd}: {list.Length} members");
            foreach (var m in scenario.At(day).Memberships.Where(m => m.Alliance == id).OrderBy(m => m.Member))
            {
                table.Add(m.Member.Code, scenario.NameOf(m.Member), $"{m.Period.From:yyyy-MM-dd}", Text.ConfidenceCell(m.Evidence), Text.SourcesCell(m.Evidence));
            }

            session.Show(table, csv);
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
    public static Option<string?> TableOption() => new("--table")
    {
        Description = "With --csv: the table to write (alliances, forces, control, activities, observations; brief adds matrix, alerts, consultations).",
    };

    /// <summary>The table named by <c>--table</c>; an unknown or missing name is bad input listing the names.</summary>
    public static TableView Choose(IReadOnlyDictionary<string, TableView> tables, string? name)
    {
        if (name is not null && tables.TryGetValue(name, out var table))
        {
            return table;
        }

        var names = string.Join(", ", tables.Keys);
        throw new UsageException(name is null
            ? $"--csv: this verb shows several tables; choose one with --table NAME, one of {names}"
            : $"--table: unknown table '{name}'; expected one of {names}" + (Spelling.Nearest(name, tables.Keys) is { } near ? $"; did you mean '{near}'?" : ""));
    }

    internal static JsonObject Summary(World world, int days)
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
            ["observations_window"] = new JsonObject
            {
                ["from"] = JsonShapes.Day(world.At.AddDays(1 - days)), ["to"] = JsonShapes.Day(world.At), ["days"] = days,
            },
            ["observations"] = new JsonArray([.. Node.Sessions.ScenarioQueries.RecentObservations(world, days).Select(o => (JsonNode)JsonShapes.Observation(o))]),
        };
    }

    /// <summary>The world's tables by name, in the order they are shown.</summary>
    internal static Dictionary<string, TableView> Tables(World world, int days)
    {
        var scenario = world.Scenario;
        var tables = new Dictionary<string, TableView>(StringComparer.Ordinal);
        var alliances = new TableView("Alliances", new Column("Alliance", ColumnKind.Id), new Column("Members", ColumnKind.Id), new Column("Codes", ColumnKind.Id));
        foreach (var a in scenario.Parties.Values.Where(p => p.Kind == PartyKind.Alliance).OrderBy(p => p.Id))
        {
            var members = world.MembersOf(a.Id);
            alliances.Add(a.Id.Code, members.Length.ToString(CultureInfo.InvariantCulture), string.Join(" ", members));
        }

        tables["alliances"] = alliances;

        var foreign = new TableView("Forces stationed abroad, by host state", new Column("Host", ColumnKind.Id), new Column("Name"),
            new Column("Owners", ColumnKind.Id), new Column("Deployments", ColumnKind.Id), new Column("Troops", ColumnKind.Id));
        foreach (var g in world.Deployments.Where(d => d.IsForeign).GroupBy(d => d.Host).OrderBy(g => g.Key))
        {
            var troops = g.Where(d => d.Unit == ForceUnit.Troops).ToList();
            var low = troops.Sum(d => d.Quantity.Low);
            var high = troops.Sum(d => d.Quantity.High);
            foreign.Add(g.Key.Code, scenario.NameOf(g.Key), string.Join(" ", g.Select(d => d.Owner.Code).Distinct().Order()),
                g.Count().ToString(CultureInfo.InvariantCulture),
                troops.Count == 0 ? "" : low == high ? Claim.Format(low) : $"{Claim.Format(low)}–{(double.IsPositiveInfinity(high) ? "?" : Claim.Format(high))}");
        }

        foreign.Totals.Add($"{world.Deployments.Count(d => d.IsForeign)} foreign deployments in {foreign.Rows.Count} host states " +
                           $"({world.Deployments.Length} deployments in all)");
        tables["forces"] = foreign;

        var control = new TableView("Control of mapped areas (disputed control lists every claim; notes in --json)", new Column("Area", ColumnKind.Id),
            new Column("Controller", ColumnKind.Id), new Column("Name"), new Column("Period", ColumnKind.Id), new Column("Confidence", ColumnKind.Id),
            new Column("Sources", ColumnKind.Id))
        {
            Empty = "no control of a mapped area is recorded for the day",
        };
        foreach (var c in world.Control.OrderBy(c => c.Area.Value).ThenBy(c => c.Controller))
        {
            control.Add(c.Area.Value, c.Controller.Code, scenario.NameOf(c.Controller), Text.Period(c.Period), Text.ConfidenceCell(c.Evidence),
                Text.SourcesCell(c.Evidence));
        }

        tables["control"] = control;

        var activities = new TableView("Activities under way", new Column("Activity", ColumnKind.Id), new Column("Name"), new Column("Participants", ColumnKind.Id),
            new Column("Period", ColumnKind.Id), new Column("Troops"))
        {
            Empty = "no activity under way",
        };
        foreach (var a in world.Activities)
        {
            activities.Add(a.Id.Value, a.Name, string.Join(" ", a.Participants), Text.Period(a.Period), a.Troops is { } t ? Text.QuantityCell(t) : "");
        }

        tables["activities"] = activities;

        var list = Node.Sessions.ScenarioQueries.RecentObservations(world, days);
        var observations = new TableView($"Observations of the {days} days up to {world.At:yyyy-MM-dd} (the window 'alerts' uses)",
            new Column("Id", ColumnKind.Id), new Column("Date", ColumnKind.Id), new Column("Observer", ColumnKind.Id), new Column("Subject", ColumnKind.Id),
            new Column("What", ColumnKind.Id), new Column("Where"), new Column("Figure"), new Column("Confidence", ColumnKind.Id), new Column("Sources", ColumnKind.Id))
        {
            Empty = $"no observation made in the {days} days up to {world.At:yyyy-MM-dd}",
        };
        foreach (var o in list)
        {
            observations.Add(o.Id.Value, Text.Days(o.Period), o.Observer.Code, o.Subject.Code, o.What,
                o.Where ?? string.Join(" ", o.Hosts), Text.QuantityCell(o.Quantity), Text.ConfidenceCell(o.Evidence), Text.SourcesCell(o.Evidence));
        }

        tables["observations"] = observations;
        return tables;
    }

    internal static void Render(Session session, World world, int days)
    {
        var scenario = world.Scenario;
        var console = session.Console;
        console.Write(new Rule($"[bold]{Text.Escape(scenario.Info.Title)}[/] — the world on {world.At:yyyy-MM-dd}").LeftJustified());
        foreach (var table in Tables(world, days).Values)
        {
            session.Show(table, csv: false);
        }
    }
}
